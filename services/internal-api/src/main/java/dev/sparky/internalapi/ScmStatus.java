package dev.sparky.internalapi;

import java.time.Instant;

/**
 * One polled project's SCM health, as {@code GET /internal/v1/scm} shows it.
 *
 * @param url the remote, with any credentials masked
 * @param branch the branch polled; HEAD when the project names none
 * @param healthy false while the remote keeps failing
 * @param nextCheck when the remote is asked next (later while backing off)
 */
public record ScmStatus(
        String project,
        String url,
        String branch,
        String lastSha,
        Instant lastCheck,
        boolean healthy,
        int consecutiveFailures,
        String lastError,
        Instant nextCheck) {}
