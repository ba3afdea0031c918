package dev.sparky.contracts.api;

import java.time.Instant;

/**
 * A runner the dispatcher has heard from.
 *
 * @param state idle, busy, draining, stopped, lost (no heartbeat within the lease)
 */
public record RunnerView(
        String runnerId,
        String host,
        String state,
        Long buildId,
        Integer attempt,
        String project,
        Instant lastSeen,
        Instant startedAt) {
}
