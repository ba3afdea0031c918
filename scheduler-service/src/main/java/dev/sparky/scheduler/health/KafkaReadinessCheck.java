package dev.sparky.scheduler.health;

import dev.sparky.kafka.KafkaProbe;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Kafka answers and the build request topic exists: without them no trigger can be accepted. */
@Readiness
@Singleton
public class KafkaReadinessCheck extends dev.sparky.kafka.KafkaReadinessCheck {
    KafkaReadinessCheck(KafkaProbe probe) {
        super(probe);
    }
}
