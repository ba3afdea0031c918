package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildStarted;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.dispatcher.store.AttemptRow;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.BuildRow;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts and ends of attempts, with fencing: the first runner to start the current attempt owns it; any
 * other start (stale attempt, second runner, finished build) is told to stop, and only the owner's finish of
 * the current attempt changes the build.
 */
final class AttemptHandler {
    private static final Logger LOG = Logger.getLogger(AttemptHandler.class);

    private final BuildAttemptRepository repo;
    private final Effects fx;
    private final Transitions transitions;
    private final EngineMetrics metrics;

    AttemptHandler(BuildAttemptRepository repo, Effects fx, Transitions transitions, EngineMetrics metrics) {
        this.repo = repo;
        this.fx = fx;
        this.transitions = transitions;
        this.metrics = metrics;
    }

    void started(BuildStarted e) {
        Optional<BuildRow> found = repo.build(e.buildId());
        if (found.isEmpty()) {
            LOG.warnf("runner %s started unknown build %d: told to stop", e.runnerId(), e.buildId());
            fx.stop(e.buildId(), e.attempt(), e.runnerId(), StopAttempt.Reason.REVOKED, "unknown build");
            return;
        }
        BuildRow b = found.get();
        Optional<AttemptRow> existing = repo.attempt(b.id(), e.attempt());
        if (existing.isPresent() && existing.get().runnerId().equals(e.runnerId())) {
            return; // the same start applied again
        }
        if (b.terminal()) {
            refuse(
                    b,
                    e,
                    b.state() == BuildState.CANCELLED ? StopAttempt.Reason.CANCELLED : StopAttempt.Reason.REVOKED,
                    "the build is already " + b.state().wireName());
        } else if (e.attempt() != b.attempt() || !b.dispatched() || existing.isPresent()) {
            String owner = existing.map(AttemptRow::runnerId).orElse(b.runnerId());
            refuse(
                    b,
                    e,
                    StopAttempt.Reason.REVOKED,
                    e.attempt() != b.attempt()
                            ? "attempt " + e.attempt() + " is stale (current attempt " + b.attempt() + ")"
                            : "attempt " + e.attempt() + " belongs to runner " + owner);
        } else {
            begin(b, e);
        }
    }

    private void begin(BuildRow b, BuildStarted e) {
        long now = fx.now();
        repo.insertAttempt(
                new AttemptRow(b.id(), e.attempt(), e.runnerId(), AttemptRow.RUNNING, now, null, now, null, 0, null));
        repo.markRunning(b.id(), e.runnerId(), now);
        fx.syslog(b.id(), "started on runner " + e.runnerId() + " (attempt " + e.attempt() + ")");
        e.notes().forEach(n -> fx.syslog(b.id(), "runner note: " + n));
        BuildRow running = repo.build(b.id()).orElseThrow();
        fx.buildEvent(running, BuildState.RUNNING, null, null, e.runnerId());
        metrics.attemptStarted();
        if (b.startedAt() == null) {
            metrics.triggerToStart(Duration.ofMillis(Math.max(0, now - b.queuedAt())));
        }
    }

    private void refuse(BuildRow b, BuildStarted e, StopAttempt.Reason reason, String why) {
        fx.syslog(
                b.id(),
                "runner " + e.runnerId() + " started attempt " + e.attempt() + " but " + why + ": told to stop");
        fx.stop(b.id(), e.attempt(), e.runnerId(), reason, why);
    }

    void finished(BuildFinished e) {
        Optional<BuildRow> build = repo.build(e.buildId());
        Optional<AttemptRow> attempt = repo.attempt(e.buildId(), e.attempt());
        if (build.isEmpty() || attempt.isEmpty() || !attempt.get().runnerId().equals(e.runnerId())) {
            LOG.debugf(
                    "finish of build %d attempt %d by %s ignored: not the owner",
                    e.buildId(), e.attempt(), e.runnerId());
            return;
        }
        BuildRow b = build.get();
        if (!attempt.get().running()
                || e.attempt() != b.attempt()
                || b.terminal()
                || e.outcome() == BuildFinished.Outcome.ABANDONED) {
            return; // already ended (applied twice, lost, or revoked): nothing changes
        }
        String state = e.outcome() == BuildFinished.Outcome.HANDED_BACK
                ? AttemptRow.HANDED_BACK
                : e.outcome().name().toLowerCase(Locale.ROOT);
        repo.finishAttempt(b.id(), e.attempt(), state, e.exitCode(), e.reason(), fx.now());
        end(b, e);
    }

    private void end(BuildRow b, BuildFinished e) {
        switch (e.outcome()) {
            case SUCCEEDED -> transitions.finish(b, BuildState.SUCCEEDED, null, e.exitCode());
            case FAILED ->
                transitions.finish(
                        b,
                        BuildState.FAILED,
                        e.exitCode() != null ? "exit code " + e.exitCode() : orElse(e.reason(), "failed"),
                        e.exitCode());
            case TIMED_OUT ->
                transitions.finish(b, BuildState.TIMED_OUT, orElse(e.reason(), "timed out"), e.exitCode());
            case CANCELLED ->
                transitions.finish(b, BuildState.CANCELLED, orElse(e.reason(), "cancelled"), e.exitCode());
            case HANDED_BACK -> handedBack(b, e);
            default -> {
                // ABANDONED is filtered out before
            }
        }
    }

    private void handedBack(BuildRow b, BuildFinished e) {
        if (b.cancelRequested()) {
            transitions.finish(b, BuildState.CANCELLED, "cancelled (handed back by runner " + e.runnerId() + ")", null);
        } else {
            transitions.requeue(b, "handed back by runner " + e.runnerId() + " (attempt " + e.attempt() + ")");
        }
    }

    private static String orElse(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
