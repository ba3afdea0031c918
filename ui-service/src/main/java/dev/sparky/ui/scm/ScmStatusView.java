package dev.sparky.ui.scm;

import dev.sparky.ui.api.YamlRedactor;
import java.time.Instant;

/**
 * A project's SCM polling health, as the scheduler reports it: a remote that keeps failing is backed off and
 * shown as unhealthy on the project page (never blocking the other projects).
 */
public record ScmStatusView(String project, String url, String branch, String lastSha, Instant lastCheck,
        boolean healthy, int consecutiveFailures, String lastError, Instant nextCheck) {

    /** As shown to readers: the user and password of the url are hidden, in git's error message too. */
    public ScmStatusView withoutCredentials() {
        return new ScmStatusView(project, YamlRedactor.urlCredentials(url), branch, lastSha, lastCheck, healthy,
                consecutiveFailures, YamlRedactor.urlCredentials(lastError), nextCheck);
    }
}
