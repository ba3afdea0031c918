package dev.sparky.scheduler.scm;

import dev.sparky.internalapi.ScmStatus;
import java.time.Duration;
import java.time.Instant;

/** The polling state of one project's remote. Guarded by its own monitor: poll threads and the ticker share it. */
final class ScmWatch {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    final String project;
    final String url;
    final String branch;
    private String lastSha;
    private Instant lastCheck;
    private int failures;
    private String lastError;
    private Instant nextCheck;
    private boolean running;

    ScmWatch(String project, String url, String branch, Instant firstCheck) {
        this.project = project;
        this.url = url;
        this.branch = branch;
        this.nextCheck = firstCheck;
    }

    boolean sameRemote(String otherUrl, String otherBranch) {
        return url.equals(otherUrl) && java.util.Objects.equals(branch, otherBranch);
    }

    /** Claims the next poll when it is due and none is running. */
    synchronized boolean claim(Instant now) {
        if (running || now.isBefore(nextCheck)) {
            return false;
        }
        running = true;
        return true;
    }

    synchronized String lastSha() {
        return lastSha;
    }

    /** A commit queued elsewhere (a webhook): not new when the next poll sees it. */
    synchronized void remember(String sha) {
        lastSha = sha;
    }

    synchronized void succeeded(String sha, Instant at, Duration interval) {
        lastSha = sha;
        lastCheck = at;
        failures = 0;
        lastError = null;
        nextCheck = at.plus(interval);
        running = false;
    }

    /** The remote answered but the request could not be published: ask again at the normal pace. */
    synchronized void notPublished(String error, Instant at, Duration interval) {
        lastCheck = at;
        lastError = error;
        nextCheck = at.plus(interval);
        running = false;
    }

    /** @return the back-off applied: the interval doubled per consecutive failure, at most ten minutes */
    synchronized Duration failed(String error, Instant at, Duration interval) {
        failures++;
        lastCheck = at;
        lastError = error;
        Duration wait = interval.multipliedBy(1L << Math.min(failures, 20));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        nextCheck = at.plus(wait);
        running = false;
        return wait;
    }

    synchronized ScmStatus status() {
        return new ScmStatus(
                project,
                ScmUrls.redact(url),
                branch == null ? "HEAD" : branch,
                lastSha,
                lastCheck,
                failures == 0,
                failures,
                lastError,
                nextCheck);
    }
}
