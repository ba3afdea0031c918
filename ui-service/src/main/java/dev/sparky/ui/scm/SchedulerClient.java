package dev.sparky.ui.scm;

import dev.sparky.ui.internalapi.InternalApiClients;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads the SCM health of projects from the scheduler. Best effort: a scheduler that does not answer within
 * {@code sparky.scheduler.timeout} costs the page only this line, never the page itself.
 */
@Singleton
public class SchedulerClient {
    private static final Logger LOG = Logger.getLogger(SchedulerClient.class);
    private final InternalApiClients apis;

    public SchedulerClient(InternalApiClients apis) {
        this.apis = apis;
    }

    /** The project's SCM health, or empty when it has no scm or the scheduler did not answer. */
    public Optional<ScmStatusView> scm(String project) {
        try {
            return apis.scm().list().stream()
                    .filter(s -> project.equals(s.project()))
                    .findFirst()
                    .map(ScmStatusView::of);
        } catch (RuntimeException e) {
            LOG.debugf("scheduler SCM status unavailable: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
