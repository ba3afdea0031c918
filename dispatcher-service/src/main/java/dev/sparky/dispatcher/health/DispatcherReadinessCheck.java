package dev.sparky.dispatcher.health;

import dev.sparky.dispatcher.kafka.EngineService;
import dev.sparky.dispatcher.kafka.EngineStatus;
import dev.sparky.kafka.KafkaProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Kafka answers, the database took the engine's last write (the engine updates the one-row
 * {@code health} table about once a second, keeping the single-writer rule) and the engine thread turns.
 */
@Readiness
@ApplicationScoped
public class DispatcherReadinessCheck implements HealthCheck {
    /** A turn is at most a poll plus a commit and the outbox acks; beyond this the engine is stuck. */
    static final long STUCK_AFTER_MS = 30_000;

    private final EngineService engine;

    DispatcherReadinessCheck(EngineService engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("dispatcher").up();
        EngineStatus status = engine.status();
        String engineProblem = engineProblem(status);
        String dbProblem = status == null ? "engine not started" : status.databaseProblem();
        KafkaProbe.Result kafka = engine.watch() == null
                ? new KafkaProbe.Result(false, "not checked yet")
                : engine.watch().last();
        b.withData("kafka", kafka.detail());
        b.withData("database", dbProblem == null ? "writable" : dbProblem);
        b.withData("engine", engineProblem == null ? "running" : engineProblem);
        if (!kafka.reachable() || dbProblem != null || engineProblem != null) {
            b.down();
        }
        return b.build();
    }

    private String engineProblem(EngineStatus status) {
        if (status == null || !engine.engineAlive()) {
            return "the engine thread is not running";
        }
        long since = status.sinceLastTurn();
        return since > STUCK_AFTER_MS && since != Long.MAX_VALUE ? "no engine turn for " + since / 1000 + " s" : null;
    }
}
