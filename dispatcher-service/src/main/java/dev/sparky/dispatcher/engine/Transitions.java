package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.BuildRepository;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.QueueRepository;
import dev.sparky.dispatcher.store.TokenRepository;
import java.time.Duration;

/** The state changes several handlers share: ending a build (and what that sets off), requeueing it. */
final class Transitions {
    private final BuildAttemptRepository builds;
    private final QueueRepository queue;
    private final TokenRepository tokens;
    private final Effects fx;
    private final EngineMetrics metrics;
    private final FollowUps followUps;
    private final SecretParams secrets;

    Transitions(BuildRepository repo, Effects fx, EngineMetrics metrics, FollowUps followUps, SecretParams secrets) {
        this.secrets = secrets;
        this.builds = repo;
        this.queue = repo;
        this.tokens = repo;
        this.fx = fx;
        this.metrics = metrics;
        this.followUps = followUps;
    }

    /**
     * Makes the build terminal: row, job token gone, system log, build event, duration metric, then its
     * follow-ups (downstream, notify, retention). Callers must not use the build's row afterwards: retention
     * may have removed it.
     */
    void finish(BuildRow b, BuildState state, String reason, Integer exitCode) {
        long now = fx.now();
        builds.markFinished(b.id(), state, reason, exitCode, now);
        tokens.deleteJobToken(b.id());
        secrets.forget(b.id());
        if (exitCode != null) {
            fx.syslog(b.id(), "exit code " + exitCode);
        }
        fx.syslog(b.id(), "finished: " + state.wireName() + (reason == null ? "" : " (" + reason + ")"));
        fx.buildEvent(b, state, exitCode, reason, b.runnerId());
        if (b.startedAt() != null) {
            metrics.buildDuration(Duration.ofMillis(Math.max(0, now - b.startedAt())));
        }
        followUps.buildEnded(b, state, reason, exitCode, now);
    }

    /** Back to the queue; the next hand-out makes attempt n+1. */
    void requeue(BuildRow b, String why) {
        queue.markRequeued(b.id(), why);
        tokens.deleteJobToken(b.id()); // the attempt is over; the next hand-out issues a new token
        fx.syslog(b.id(), why + ": queued again for attempt " + (b.attempt() + 1));
        fx.buildEvent(b, BuildState.QUEUED, null, why, null);
    }
}
