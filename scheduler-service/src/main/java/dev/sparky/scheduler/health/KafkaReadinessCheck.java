package dev.sparky.scheduler.health;

import dev.sparky.kafka.KafkaProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Kafka answers: without it no trigger can be accepted. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
    private final KafkaProbe probe;

    KafkaReadinessCheck(KafkaProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaProbe.Result r = probe.check();
        return HealthCheckResponse.named("kafka").status(r.reachable()).withData("detail", r.detail()).build();
    }
}
