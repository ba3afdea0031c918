package dev.sparky.contracts.api;

import dev.sparky.contracts.RunnerPools;
import java.time.Instant;

/**
 * A runner the dispatcher has heard from.
 *
 * @param state idle, busy, draining, stopped, lost (no heartbeat within the lease)
 * @param pool the runner pool whose queue it reads
 */
public record RunnerView(
        String runnerId,
        String host,
        String state,
        Long buildId,
        Integer attempt,
        String project,
        Instant lastSeen,
        Instant startedAt,
        String pool) {

    /** A runner of the default pool. */
    public RunnerView(
            String runnerId,
            String host,
            String state,
            Long buildId,
            Integer attempt,
            String project,
            Instant lastSeen,
            Instant startedAt) {
        this(runnerId, host, state, buildId, attempt, project, lastSeen, startedAt, RunnerPools.DEFAULT);
    }

    public RunnerView {
        pool = RunnerPools.orDefault(pool);
    }
}
