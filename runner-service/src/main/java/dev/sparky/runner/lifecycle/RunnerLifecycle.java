package dev.sparky.runner.lifecycle;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.runner.control.AttemptRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Start and stop of a runner. Draining (SIGTERM, a scale-down) takes no new record, lets the build in hand go on
 * for the drain time, then stops it and hands it back; closing the job consumer releases anything still acquired;
 * the last heartbeat says STOPPED. A runner killed without warning needs none of this: the dispatcher's lease
 * notices the silence.
 */
public final class RunnerLifecycle {
    private static final Logger LOG = Logger.getLogger(RunnerLifecycle.class);

    /** The waits of a drain. */
    public record Timings(
            Duration heartbeatInterval, Duration drainTimeout, Duration killGrace, Duration lastHeartbeatTimeout) {}

    private final RunnerStatus status;
    private final AttemptRegistry registry;
    private final HeartbeatSender heartbeat;
    private final BackgroundLoop jobs;
    private final List<BackgroundLoop> helpers;
    private final Timings timings;
    private Runnable onGiveUp = () -> {};

    public RunnerLifecycle(
            RunnerStatus status,
            AttemptRegistry registry,
            HeartbeatSender heartbeat,
            BackgroundLoop jobs,
            List<BackgroundLoop> helpers,
            Timings timings) {
        this.status = status;
        this.registry = registry;
        this.heartbeat = heartbeat;
        this.jobs = jobs;
        this.helpers = List.copyOf(helpers);
        this.timings = timings;
    }

    /** What to do when the build in hand cannot report its finish before the process ends. */
    public RunnerLifecycle onGiveUp(Runnable action) {
        this.onGiveUp = action;
        return this;
    }

    public void start(ScheduledExecutorService timer) {
        helpers.forEach(BackgroundLoop::start);
        jobs.start();
        heartbeat.start(timer, timings.heartbeatInterval());
    }

    /** Blocks until the runner has drained; bounded by drain time + kill grace + a few seconds. */
    public void drain(String runnerId) {
        status.startDraining();
        heartbeat.beat();
        try {
            if (!registry.awaitIdle(timings.drainTimeout())) {
                handBack(runnerId);
            }
            jobs.stop();
            if (!jobs.awaitStopped(timings.killGrace().plus(Duration.ofSeconds(15)))) {
                LOG.warn("the build in hand did not report its end in time; leaving it to the dispatcher's lease");
                onGiveUp.run();
                jobs.awaitStopped(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.stop();
        helpers.forEach(BackgroundLoop::stop);
        status.markStopped();
        heartbeat.sendStopped(timings.lastHeartbeatTimeout());
        LOG.infof("runner %s stopped", runnerId);
    }

    private void handBack(String runnerId) {
        registry.current().ifPresent(attempt -> {
            LOG.infof("drain time over: handing back build %d attempt %d", attempt.buildId(), attempt.attempt());
            attempt.control()
                    .requestStop(
                            Outcome.HANDED_BACK, "runner " + runnerId + " shut down: build handed back to the queue");
        });
    }
}
