package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.dispatcher.store.AttemptRow;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.RunnerRepository;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.project.ProjectDefinition;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Ends attempts whose runner went silent for longer than the lease: the attempt is lost (its log so far is
 * kept), any runner still holding it is told to stop, and the build runs again while {@code retries} allows,
 * else fails with "runner lost". A handed-out build nobody started is not lost: it waits in Kafka.
 */
final class LeaseKeeper {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);
    static final String RUNNER_LOST = "runner lost";
    private static final Duration FORGET_RUNNERS_AFTER = Duration.ofDays(1);

    private final BuildAttemptRepository builds;
    private final RunnerRepository runners;
    private final ProjectCatalog catalog;
    private final Effects fx;
    private final Transitions transitions;
    private final EngineMetrics metrics;

    LeaseKeeper(
            BuildAttemptRepository builds,
            RunnerRepository runners,
            ProjectCatalog catalog,
            Effects fx,
            Transitions transitions,
            EngineMetrics metrics) {
        this.builds = builds;
        this.runners = runners;
        this.catalog = catalog;
        this.fx = fx;
        this.transitions = transitions;
        this.metrics = metrics;
    }

    void expire(Duration lease) {
        long now = fx.now();
        for (AttemptRow a : builds.runningAttemptsSeenBefore(now - lease.toMillis())) {
            lose(a, now);
        }
        runners.deleteRunnersSeenBefore(now - FORGET_RUNNERS_AFTER.toMillis());
    }

    private void lose(AttemptRow a, long now) {
        long silentSeconds = (now - a.lastSeen()) / 1000;
        String why = "runner " + a.runnerId() + " lost (no heartbeat for " + silentSeconds + " s)";
        LOG.warnf("build %d attempt %d: %s", a.buildId(), a.attempt(), why);
        metrics.leaseExpired();
        builds.finishAttempt(a.buildId(), a.attempt(), AttemptRow.LOST, null, why, now);
        fx.syslog(a.buildId(), why + ": attempt " + a.attempt() + " stopped");
        fx.stop(a.buildId(), a.attempt(), null, StopAttempt.Reason.REVOKED, why);
        Optional<BuildRow> build = builds.build(a.buildId());
        if (build.isEmpty() || build.get().terminal() || build.get().attempt() != a.attempt()) {
            return;
        }
        BuildRow b = build.get();
        int retries = retries(b.project());
        if (b.cancelRequested()) {
            transitions.finish(b, BuildState.CANCELLED, "cancelled (" + why + ")", null);
        } else if (builds.countedAttempts(b.id()) < 1 + retries) {
            transitions.requeue(b, why);
        } else {
            fx.syslog(b.id(), "no retries left (retries: " + retries + ")");
            transitions.finish(b, BuildState.FAILED, RUNNER_LOST, null);
        }
    }

    private int retries(String project) {
        return catalog.find(project)
                .map(Project::definition)
                .orElse(ProjectDefinition.defaults())
                .retries();
    }
}
