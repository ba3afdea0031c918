package dev.sparky.contracts.api;

import java.time.Instant;

/**
 * One attempt of a build on one runner.
 *
 * @param state running, succeeded, failed, timed_out, cancelled, lost (runner lost), handed_back
 */
public record AttemptView(
        int attempt,
        String runnerId,
        String state,
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        long logBytes,
        String reason) {}
