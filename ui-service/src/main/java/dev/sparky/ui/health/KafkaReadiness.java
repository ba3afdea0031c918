package dev.sparky.ui.health;

import dev.sparky.kafka.KafkaProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Kafka is reachable: without it no trigger can be accepted. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    private final KafkaProbe probe;

    public KafkaReadiness(KafkaProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaProbe.Result r = probe.check();
        return HealthCheckResponse.named("kafka").status(r.reachable()).withData("detail", r.detail()).build();
    }
}
