package dev.sparky.runner.health;

import dev.sparky.kafka.KafkaProbe;
import dev.sparky.runner.lifecycle.RunnerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while Kafka answers and the runner is not draining (a draining runner takes no work). */
@Readiness
@ApplicationScoped
public class RunnerReadinessCheck implements HealthCheck {
    private final KafkaProbe probe;
    private final RunnerStatus status;

    RunnerReadinessCheck(KafkaProbe probe, RunnerStatus status) {
        this.probe = probe;
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        if (status.draining()) {
            return HealthCheckResponse.named("runner")
                    .down()
                    .withData("reason", "draining: taking no new builds")
                    .build();
        }
        KafkaProbe.Result kafka = probe.check();
        return HealthCheckResponse.named("kafka")
                .status(kafka.reachable())
                .withData("detail", kafka.detail())
                .build();
    }
}
