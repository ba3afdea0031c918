package dev.sparky.kafka;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The readiness check "kafka" of a service that cannot accept work without the broker: up while the broker
 * answers and the topics the service uses exist ({@link KafkaProbe}), down with a detail that names the broker
 * or the missing topic. A service subclasses it with {@code @Readiness @Singleton} (no client proxy is needed)
 * and passes its probe.
 */
public abstract class KafkaReadinessCheck implements HealthCheck {
    /** The check's name in {@code /q/health/ready}. */
    public static final String NAME = "kafka";

    private final KafkaProbe probe;

    protected KafkaReadinessCheck(KafkaProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaProbe.Result r = probe.check();
        return HealthCheckResponse.named(NAME)
                .status(r.reachable())
                .withData("detail", r.detail())
                .build();
    }
}
