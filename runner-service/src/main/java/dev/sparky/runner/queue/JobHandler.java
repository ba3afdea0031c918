package dev.sparky.runner.queue;

import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildStarted;
import dev.sparky.contracts.events.JobSeal;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.RunnerEventSink;
import dev.sparky.runner.exec.BuildControl;
import dev.sparky.runner.exec.BuildExecutor;
import dev.sparky.runner.exec.ExecResult;
import dev.sparky.runner.exec.Launch;
import dev.sparky.runner.exec.LogSink;
import dev.sparky.runner.exec.PreparedBuild;
import dev.sparky.runner.metrics.RunnerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One job record, start to finish: read it, report the start (acknowledged by the broker), accept the record,
 * run the build, report the finish. The start goes out before the accept so a started attempt is always known to
 * the dispatcher; while the broker acknowledges it, the build's process is launched and held at its gate, and the
 * script runs only once the start is on record (if it never is, the launch is abandoned and the record
 * released). The finish is retried until the broker takes it, because a lost finish would leave the build
 * running until its lease ran out. Runs on the queue consumer's thread: one build at a time.
 */
public final class JobHandler {
    private static final Logger LOG = Logger.getLogger(JobHandler.class);
    /**
     * A build that still runs this long after its start has its acceptance sent on its own; a shorter one's goes
     * with the runner's next poll. Well within the record's 30 s lock, and longer than most trivial builds.
     */
    static final Duration SEND_ACCEPTANCE_AFTER = Duration.ofSeconds(5);

    /** Timings of the reports; short in tests. */
    public record Timings(Duration startTimeout, int startTries, Duration finishTimeout, Duration retryPause) {
        public static final Timings DEFAULT =
                new Timings(Duration.ofSeconds(6), 3, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    private final String runnerId;
    private final BuildExecutor executor;
    private final AttemptRegistry registry;
    private final RunnerEventSink events;
    private final RunnerMetrics metrics;
    private final BooleanSupplier draining;
    private final Timings timings;
    private final Clock clock;
    private final JobSeal seal;
    private volatile boolean giveUp;
    private final ReportRetries retries;

    public JobHandler(
            String runnerId,
            BuildExecutor executor,
            AttemptRegistry registry,
            RunnerEventSink events,
            RunnerMetrics metrics,
            BooleanSupplier draining,
            Timings timings,
            Clock clock,
            JobSeal seal) {
        this.seal = seal;
        this.runnerId = runnerId;
        this.executor = executor;
        this.registry = registry;
        this.events = events;
        this.metrics = metrics;
        this.draining = draining;
        this.timings = timings;
        this.retries = new ReportRetries(timings);
        this.clock = clock;
    }

    /**
     * @param origin where the record came from, for log lines ("sparky.jobs offset 12")
     * @return true when a build ran and its finish was reported (what a {@link BuildBudget} counts); false for a
     *     record refused, released, or skipped because its build was stopped before it arrived
     */
    public boolean handle(byte[] value, String origin, JobAck ack) {
        RunBuild job;
        try {
            // The job's secrets travel sealed for this build and attempt; a record that does not open (another
            // key, copied from another job) is refused like any malformed one.
            job = seal.open(RunBuildReader.read(value));
        } catch (MalformedEventException e) {
            LOG.errorf("refused job record at %s: %s", origin, e.getMessage());
            ack.reject();
            return false;
        }
        BuildControl control = registry.begin(job.buildId(), job.attempt(), clock.instant());
        try {
            return handle(job, control, ack);
        } finally {
            registry.end(control);
            metrics.busy(false);
        }
    }

    /** Stops retrying the finish report: the runner is going away and the dispatcher's lease takes over. */
    public void giveUp() {
        giveUp = true;
    }

    private boolean handle(RunBuild job, BuildControl control, JobAck ack) {
        String name = "build " + job.buildId() + " attempt " + job.attempt();
        if (control.stopRequest().isPresent()) {
            LOG.infof("%s was stopped before it arrived: skipped", name);
            ack.accept();
            return false;
        }
        if (draining.getAsBoolean()) {
            ack.release();
            return false;
        }
        PreparedBuild prepared = executor.prepare(job);
        BuildStarted started = BuildStarted.of(runnerId, job.buildId(), job.attempt(), prepared.notes());
        RunnerEventSink.Receipt firstTry = events.sendAcknowledged(String.valueOf(job.buildId()), started);
        Launch launch = executor.launch(prepared);
        if (!startOnRecord(job, started, firstTry)) {
            launch.abandon();
            LOG.warnf("%s: could not report its start; job record released for another try", name);
            ack.release();
            return false;
        }
        Acceptance acceptance = new Acceptance(ack, name);
        launch.whenRunning(() -> {
            // One line per build at INFO, when it ends: each line costs a trivial build's runner about 2 % of its CPU.
            LOG.debugf("%s of %s (job %s) started", name, job.project(), job.jobId());
            acceptance.once();
        });
        launch.whenLasting(SEND_ACCEPTANCE_AFTER, acceptance::send);
        metrics.busy(true);
        ExecResult result = run(job, launch, control);
        acceptance.once(); // a build that ended before it ran, or before the executor said it runs
        metrics.finished(result.outcome());
        reportFinished(job, result);
        LOG.infof(
                "%s of %s (job %s) ended: %s (%s)",
                name, job.project(), job.jobId(), result.outcome(), result.reason());
        return true;
    }

    /** A launch that failed is the executor's to report (BuildExecutor#run); a stop before the run is ours. */
    private ExecResult run(RunBuild job, Launch launch, BuildControl control) {
        var stopped = control.stopRequest();
        if (stopped.isPresent()) {
            launch.abandon();
            return new ExecResult(
                    stopped.get().outcome(), null, 0, stopped.get().reason());
        }
        String key = String.valueOf(job.buildId());
        LogSink sink = (offset, data) -> {
            events.send(key, LogChunk.of(runnerId, job.buildId(), job.attempt(), offset, data));
            metrics.logBytes(data.length);
        };
        try {
            return executor.run(launch, control, sink);
        } catch (RuntimeException e) {
            launch.abandon();
            LOG.errorf(e, "build %d attempt %d: the runner failed to run it", job.buildId(), job.attempt());
            return ExecResult.failed("runner " + runnerId + " could not run the build: " + e.getMessage());
        }
    }

    /**
     * Accepts the job record once, on the queue consumer's thread (the share consumer is not thread-safe). The
     * executor calls it once the script runs (or before a cache restore, which may outlast the record's lock)
     * rather than before, so that the accept does not delay the script's start. The start is on record by then,
     * and the record stays locked to this runner meanwhile (30 s). The acceptance goes with the next poll, or is
     * sent on its own once the build has run for {@link #SEND_ACCEPTANCE_AFTER}.
     */
    private static final class Acceptance {
        private final JobAck ack;
        private final String name;
        private boolean done;
        private boolean sent;

        Acceptance(JobAck ack, String name) {
            this.ack = ack;
            this.name = name;
        }

        void once() {
            if (done) {
                return;
            }
            done = true;
            if (!ack.accept()) {
                // Our start is on record, so this attempt is ours; a redelivered copy elsewhere will be revoked.
                LOG.warnf("%s: the queue did not take the acknowledgement; running it anyway", name);
            }
        }

        /** The build runs long: the acceptance goes now rather than with the next poll, well within the lock. */
        void send() {
            once();
            if (!sent) {
                sent = true;
                ack.send();
            }
        }
    }

    /** Waits for the first try's acknowledgement, then tries again up to the configured number of tries. */
    private boolean startOnRecord(RunBuild job, BuildStarted started, RunnerEventSink.Receipt firstTry) {
        int[] tryNo = {0};
        return retries.start(() -> {
            int i = ++tryNo[0];
            try {
                if (i == 1) {
                    firstTry.await(timings.startTimeout());
                } else {
                    events.sendAndWait(String.valueOf(job.buildId()), started, timings.startTimeout());
                }
                return true;
            } catch (PublishFailedException e) {
                LOG.warnf(
                        "build %d: start not acknowledged (try %d of %d): %s",
                        job.buildId(), i, timings.startTries(), e.getMessage());
                throw e;
            }
        });
    }

    private void reportFinished(RunBuild job, ExecResult result) {
        BuildFinished finished = BuildFinished.of(
                runnerId,
                job.buildId(),
                job.attempt(),
                result.outcome(),
                result.exitCode(),
                result.logBytes(),
                result.reason());
        int[] tryNo = {0};
        boolean reported = retries.finish(() -> {
            int i = ++tryNo[0];
            try {
                events.sendAndWait(String.valueOf(job.buildId()), finished, timings.finishTimeout());
                return true;
            } catch (PublishFailedException e) {
                if (giveUp) {
                    LOG.errorf(
                            "build %d: finish not reported, runner shutting down: %s", job.buildId(), e.getMessage());
                    throw new ReportRetries.GaveUp(e.getMessage());
                }
                if (i == 1 || i % 30 == 0) {
                    LOG.warnf("build %d: finish not acknowledged yet, retrying: %s", job.buildId(), e.getMessage());
                }
                throw e;
            }
        });
        if (!reported && Thread.currentThread().isInterrupted()) {
            giveUp = true;
            LOG.errorf("build %d: finish not reported, runner interrupted", job.buildId());
        }
    }
}
