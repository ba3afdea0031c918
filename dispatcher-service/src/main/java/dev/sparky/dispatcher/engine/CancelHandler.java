package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.BuildRow;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Cancels a build by project and job id. A queued build ends at once; a running one is asked to stop and
 * ends when its runner reports (or its lease runs out); a finished one stays as it is.
 */
final class CancelHandler {
    private static final Logger LOG = Logger.getLogger(CancelHandler.class);

    private final BuildAttemptRepository repo;
    private final Effects fx;
    private final Transitions transitions;

    CancelHandler(BuildAttemptRepository repo, Effects fx, Transitions transitions) {
        this.repo = repo;
        this.fx = fx;
        this.transitions = transitions;
    }

    void cancel(CancelBuild command) {
        if (command.project() == null || command.jobId() == null) {
            LOG.warnf("cancel command without project or job id ignored: %s", command.eventId());
            return;
        }
        Optional<BuildRow> found = repo.buildByJob(command.project(), command.jobId());
        if (found.isEmpty()) {
            LOG.warnf("cancel of unknown build %s/%s ignored", command.project(), command.jobId());
            return;
        }
        BuildRow b = found.get();
        String who =
                command.requestedBy() == null || command.requestedBy().isBlank() ? "anonymous" : command.requestedBy();
        if (b.terminal()) {
            fx.syslog(
                    b.id(),
                    "cancel by " + who + " ignored: the build is already "
                            + b.state().wireName());
        } else if (b.state() == BuildState.QUEUED) {
            transitions.finish(b, BuildState.CANCELLED, "cancelled by " + who, null);
            if (b.dispatched()) {
                // The RunBuild may already sit with a runner: whoever starts it must stop.
                fx.stop(b.id(), b.attempt(), null, StopAttempt.Reason.CANCELLED, "cancelled by " + who);
            }
        } else if (!b.cancelRequested()) {
            repo.markCancelRequested(b.id());
            fx.syslog(b.id(), "cancel requested by " + who + ": asking runner " + b.runnerId() + " to stop");
            fx.stop(b.id(), b.attempt(), b.runnerId(), StopAttempt.Reason.CANCELLED, "cancelled by " + who);
        }
    }
}
