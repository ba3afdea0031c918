package dev.sparky.runner.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the process answers; Kafka trouble is readiness, never a reason to restart the pod. */
@Liveness
@ApplicationScoped
public class RunnerLivenessCheck implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("runner");
    }
}
