package dev.sparky.contracts.events;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.UUID;

/**
 * Fact: a runner is alive, and what it holds. It renews the lease of the attempt in hand; the dispatcher
 * also lists runners from these, and knows from them which pools have a runner alive. Sent every
 * {@code sparky.runner.heartbeat-interval}.
 *
 * @param pool the runner pool whose queue the runner reads ({@code default} when absent)
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
        Instant startedAt,
        String pool)
        implements RunnerEvent {

    /** A heartbeat without a pool: a runner of before pools, which reads the default pool's queue. */
    public RunnerHeartbeat(
            int schemaVersion,
            String eventId,
            String runnerId,
            Instant at,
            String host,
            RunnerState state,
            Long buildId,
            Integer attempt,
            Instant startedAt) {
        this(schemaVersion, eventId, runnerId, at, host, state, buildId, attempt, startedAt, null);
    }

    public RunnerHeartbeat {
        pool = RunnerPools.orDefault(pool);
    }

    /** What a runner is doing. */
    public enum RunnerState {
        IDLE,
        BUSY,
        /** Taking no new work (SIGTERM received); finishing or handing back the build in hand. */
        DRAINING,
        /** Gone: the last heartbeat of a runner that shut down cleanly. */
        STOPPED
    }

    public static RunnerHeartbeat of(
            String runnerId, String host, RunnerState state, Long buildId, Integer attempt, Instant startedAt) {
        return of(runnerId, host, state, buildId, attempt, startedAt, RunnerPools.DEFAULT);
    }

    public static RunnerHeartbeat of(
            String runnerId,
            String host,
            RunnerState state,
            Long buildId,
            Integer attempt,
            Instant startedAt,
            String pool) {
        return new RunnerHeartbeat(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                runnerId,
                Instant.now(),
                host,
                state,
                buildId,
                attempt,
                startedAt,
                pool);
    }
}
