package dev.sparky.ui.health;

import dev.sparky.kafka.KafkaProbe;
import dev.sparky.kafka.KafkaReadinessCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Kafka answers and the UI's topics exist: without them no trigger can be accepted. */
@Readiness
@Singleton
public class KafkaReadiness extends KafkaReadinessCheck {
    public KafkaReadiness(KafkaProbe probe) {
        super(probe);
    }
}
