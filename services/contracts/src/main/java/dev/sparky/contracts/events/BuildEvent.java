package dev.sparky.contracts.events;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.UUID;

/**
 * Public fact on {@code sparky.build-events} (docs/kafka-api.md): a build changed state. Key: project.
 * Consumers should be idempotent on {@code eventId}: after a dispatcher restart an event may come twice.
 */
public record BuildEvent(
        int schemaVersion,
        String eventId,
        long buildId,
        String jobId,
        String project,
        BuildState state,
        int attempt,
        Integer exitCode,
        Instant at,
        String reason,
        String runnerId,
        String description) {

    public static BuildEvent of(
            long buildId,
            String jobId,
            String project,
            BuildState state,
            int attempt,
            Integer exitCode,
            String reason,
            String runnerId,
            String description) {
        return new BuildEvent(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                buildId,
                jobId,
                project,
                state,
                attempt,
                exitCode,
                Instant.now(),
                reason,
                runnerId,
                description);
    }
}
