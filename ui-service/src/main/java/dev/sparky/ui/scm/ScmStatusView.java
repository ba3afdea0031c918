package dev.sparky.ui.scm;

import dev.sparky.internalapi.ScmStatus;
import dev.sparky.ui.api.YamlRedactor;
import java.time.Instant;

/**
 * A project's SCM polling health, as the scheduler reports it: a remote that keeps failing is backed off and
 * shown as unhealthy on the project page (never blocking the other projects).
 */
public record ScmStatusView(
        String project,
        String url,
        String branch,
        String lastSha,
        Instant lastCheck,
        boolean healthy,
        int consecutiveFailures,
        String lastError,
        Instant nextCheck) {

    /** The scheduler's answer as shown to readers ({@link #withoutCredentials()}). */
    public static ScmStatusView of(ScmStatus s) {
        return new ScmStatusView(
                        s.project(),
                        s.url(),
                        s.branch(),
                        s.lastSha(),
                        s.lastCheck(),
                        s.healthy(),
                        s.consecutiveFailures(),
                        s.lastError(),
                        s.nextCheck())
                .withoutCredentials();
    }

    /** As shown to readers: the user and password of the url are hidden, in git's error message too. */
    public ScmStatusView withoutCredentials() {
        return new ScmStatusView(
                project,
                YamlRedactor.urlCredentials(url),
                branch,
                lastSha,
                lastCheck,
                healthy,
                consecutiveFailures,
                YamlRedactor.urlCredentials(lastError),
                nextCheck);
    }
}
