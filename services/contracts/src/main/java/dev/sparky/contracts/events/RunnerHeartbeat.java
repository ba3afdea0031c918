package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.UUID;

/**
 * Fact: a runner is alive, and what it holds. It renews the lease of the attempt in hand; the dispatcher
 * also lists runners from these. Sent every {@code sparky.runner.heartbeat-interval}.
 */
public record RunnerHeartbeat(
        int schemaVersion,
        String eventId,
        String runnerId,
        Instant at,
        String host,
        RunnerState state,
        Long buildId,
        Integer attempt,
        Instant startedAt) implements RunnerEvent {

    /** What a runner is doing. */
    public enum RunnerState {
        IDLE,
        BUSY,
        /** Taking no new work (SIGTERM received); finishing or handing back the build in hand. */
        DRAINING,
        /** Gone: the last heartbeat of a runner that shut down cleanly. */
        STOPPED
    }

    public static RunnerHeartbeat of(String runnerId, String host, RunnerState state, Long buildId, Integer attempt,
            Instant startedAt) {
        return new RunnerHeartbeat(SchemaVersion.CURRENT, UUID.randomUUID().toString(), runnerId, Instant.now(), host,
                state, buildId, attempt, startedAt);
    }
}
