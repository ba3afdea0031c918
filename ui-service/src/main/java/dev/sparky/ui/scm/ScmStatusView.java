package dev.sparky.ui.scm;

import java.time.Instant;

/**
 * A project's SCM polling health, as the scheduler reports it: a remote that keeps failing is backed off and
 * shown as unhealthy on the project page (never blocking the other projects).
 */
public record ScmStatusView(String project, String url, String branch, String lastSha, Instant lastCheck,
        boolean healthy, int consecutiveFailures, String lastError, Instant nextCheck) {
}
