package dev.sparky.runner.queue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.BuildStarted;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.FakeEvents;
import dev.sparky.runner.exec.BuildExecutor;
import dev.sparky.runner.exec.ExecSettings;
import dev.sparky.runner.exec.FakeBuildExecutor;
import dev.sparky.runner.exec.Jobs;
import dev.sparky.runner.exec.ProcessBuildExecutor;
import dev.sparky.runner.metrics.RunnerMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job flow: record in, start reported, record accepted, build run, finish reported. */
class JobHandlerTest {
    private static final JobHandler.Timings FAST =
            new JobHandler.Timings(Duration.ofMillis(100), 3, Duration.ofMillis(100), Duration.ofMillis(10));

    private final FakeEvents events = new FakeEvents();
    private final AttemptRegistry registry = new AttemptRegistry("runner-1", 100);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final RecordingAck ack = new RecordingAck();
    private ScheduledExecutorService timers;

    private JobHandler handler(BuildExecutor executor) {
        return new JobHandler(
                "runner-1",
                executor,
                registry,
                events,
                RunnerMetrics.NONE,
                draining::get,
                FAST,
                Clock.systemUTC(),
                dev.sparky.runner.exec.Jobs.SEAL);
    }

    /** Real scripts as real processes, for the flows whose point is what a script does or never does. */
    private ProcessBuildExecutor realExecutor(Path home) {
        timers = Executors.newSingleThreadScheduledExecutor();
        return new ProcessBuildExecutor(
                ExecSettings.of(home, "runner-1", "http://ui:4000", Duration.ofMillis(500)),
                Map.of("PATH", System.getenv("PATH")),
                timers,
                timers);
    }

    @AfterEach
    void stopTimers() {
        if (timers != null) {
            timers.shutdownNow();
        }
    }

    /** Handles a job whose fake build runs until stopped, on another thread; returns once the build runs. */
    private CompletableFuture<Void> startedInBackground(long buildId) throws InterruptedException {
        FakeBuildExecutor executor = FakeBuildExecutor.runningUntilStopped();
        CompletableFuture<Void> running = CompletableFuture.runAsync(
                () -> handler(executor).handle(record(Jobs.job(buildId, "hello", "job.sh")), "test", ack));
        assertTrue(executor.started.await(5, TimeUnit.SECONDS));
        return running;
    }

    private static byte[] record(RunBuild job) {
        return Json.write(job);
    }

    @Test
    void aJobIsStartedAcceptedRunAndFinishedInThatOrder() {
        FakeBuildExecutor executor = new FakeBuildExecutor("hello\n", 0, false, List.of("job.sh has no shebang"));
        handler(executor).handle(record(Jobs.job(7, "hello", "job.sh")), "test", ack);
        assertEquals(List.of("BuildStarted", "LogChunk", "BuildFinished"), events.flow());
        assertEquals(List.of("ACCEPT"), ack.answers);
        BuildStarted started = events.of(BuildStarted.class).get(0);
        assertEquals(List.of("job.sh has no shebang"), started.notes());
        assertEquals("hello\n", new String(events.of(LogChunk.class).get(0).data(), StandardCharsets.UTF_8));
        BuildFinished finished = events.of(BuildFinished.class).get(0);
        assertEquals(Outcome.SUCCEEDED, finished.outcome());
        assertEquals(6, finished.logBytes());
        assertEquals("runner-1", finished.runnerId());
        assertTrue(events.all().stream().allMatch(s -> s.key().equals("7")), "every event keyed by build id");
        assertTrue(registry.current().isEmpty());
    }

    @Test
    void theStartIsAcknowledgedBeforeTheRecordIsAccepted() {
        events.refuseStarts.set(10);
        handler(FakeBuildExecutor.exiting("x", 0)).handle(record(Jobs.job(8, "hello", "job.sh")), "test", ack);
        assertEquals(List.of("RELEASE"), ack.answers, "released for another runner when the start is not on record");
        assertEquals(List.of(), events.flow());
    }

    @Test
    void aRealScriptWhoseStartIsRefusedNeverRuns(@TempDir Path home) throws Exception {
        Path dir = Files.createDirectories(home.resolve("projects/hello"));
        Path marker = home.resolve("marker");
        Files.writeString(dir.resolve("job.sh"), "echo ran > " + marker + "\n");
        ProcessBuildExecutor executor = realExecutor(home);
        events.refuseStarts.set(10);
        handler(executor).handle(record(Jobs.job(18, "hello", "job.sh")), "test", ack);
        assertEquals(List.of("RELEASE"), ack.answers);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !Files.exists(marker));
        assertFalse(Files.exists(home.resolve("work/runner-1/hello-18-1")), "its workspace is gone");
        events.refuseStarts.set(0);
        handler(executor).handle(record(Jobs.job(19, "hello", "job.sh")), "test", ack);
        assertEquals(List.of("RELEASE", "ACCEPT"), ack.answers);
        assertEquals("ran\n", Files.readString(marker), "the next one, on record, ran");
    }

    @Test
    void aStartRefusedOnceIsRetried() {
        events.refuseStarts.set(1);
        handler(FakeBuildExecutor.exiting("x", 0)).handle(record(Jobs.job(9, "hello", "job.sh")), "test", ack);
        assertEquals(List.of("ACCEPT"), ack.answers);
        assertEquals(List.of("BuildStarted", "LogChunk", "BuildFinished"), events.flow());
    }

    @Test
    void theFinishIsRetriedUntilTheBrokerTakesIt() {
        events.refuseFinishes.set(5);
        handler(FakeBuildExecutor.exiting("x", 2)).handle(record(Jobs.job(10, "hello", "job.sh")), "test", ack);
        BuildFinished finished = events.of(BuildFinished.class).get(0);
        assertEquals(Outcome.FAILED, finished.outcome());
        assertEquals(2, finished.exitCode());
    }

    @Test
    void aMalformedRecordIsRejectedAndNothingRuns() {
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("x", 0);
        handler(executor).handle("{not json".getBytes(StandardCharsets.UTF_8), "test", ack);
        handler(executor).handle(record(Jobs.job(11, "../etc", "job.sh")), "test", ack);
        handler(executor).handle(record(Jobs.job(12, "hello", "../other/job.sh")), "test", ack);
        assertEquals(List.of("REJECT", "REJECT", "REJECT"), ack.answers);
        assertEquals(0, executor.runs);
        assertEquals(List.of(), events.flow());
    }

    @Test
    void aSealedJobIsOpenedWithTheRunnersKey() {
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("x", 0);
        RunBuild sealed = Jobs.SEAL.seal(Jobs.withToken(Jobs.job(14, "hello", "job.sh"), "tok"), java.util.Set.of());
        handler(executor).handle(record(sealed), "test", ack);
        assertEquals(List.of("ACCEPT"), ack.answers);
        assertEquals(1, executor.runs);
    }

    @Test
    void aJobSealedWithAnotherKeyOrSentInClearIsRejectedAndNothingRuns() {
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("x", 0);
        var otherKey = dev.sparky.contracts.events.JobSeal.fromBase64(dev.sparky.contracts.events.JobSeal.newKey());
        handler(executor)
                .handle(
                        record(otherKey.seal(
                                Jobs.withToken(Jobs.job(15, "hello", "job.sh"), "tok"), java.util.Set.of())),
                        "test",
                        ack);
        handler(executor).handle(record(Jobs.withToken(Jobs.job(16, "hello", "job.sh"), "tok")), "test", ack);
        assertEquals(List.of("REJECT", "REJECT"), ack.answers);
        assertEquals(0, executor.runs);
        assertEquals(List.of(), events.flow());
    }

    @Test
    void aJobStoppedBeforeItArrivedIsAcceptedAndSkipped() {
        registry.apply(StopAttempt.of(13, 1, null, StopAttempt.Reason.CANCELLED, "cancelled by alice"));
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("x", 0);
        handler(executor).handle(record(Jobs.job(13, "hello", "job.sh")), "test", ack);
        assertEquals(List.of("ACCEPT"), ack.answers);
        assertEquals(0, executor.runs);
        assertEquals(List.of(), events.flow());
    }

    @Test
    void aCancelStopsTheRunningBuild() throws Exception {
        CompletableFuture<Void> running = startedInBackground(14);
        registry.apply(StopAttempt.of(14, 1, "another-runner", StopAttempt.Reason.CANCELLED, "not for us"));
        registry.apply(StopAttempt.of(14, 2, null, StopAttempt.Reason.CANCELLED, "another attempt"));
        registry.apply(StopAttempt.of(14, 1, "runner-1", StopAttempt.Reason.CANCELLED, "cancelled by alice"));
        running.get(5, TimeUnit.SECONDS);
        BuildFinished finished = events.of(BuildFinished.class).get(0);
        assertEquals(Outcome.CANCELLED, finished.outcome());
        assertEquals("cancelled by alice", finished.reason());
        assertNull(finished.exitCode());
    }

    @Test
    void theRecordIsAcceptedWhileTheBuildRunsNotWhenItEnds() throws Exception {
        CompletableFuture<Void> running = startedInBackground(20);
        assertEquals(List.of("ACCEPT"), ack.answers, "accepted once the build runs: its lock is not held for hours");
        registry.apply(StopAttempt.of(20, 1, null, StopAttempt.Reason.CANCELLED, "cancelled by alice"));
        running.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("ACCEPT"), ack.answers, "and only once");
    }

    @Test
    void aBuildWhoseScriptIsMissingIsStartedThenFailedWithTheReason(@TempDir Path home) {
        // no projects/ghost: the launch fails, and the executor reports why
        handler(realExecutor(home)).handle(record(Jobs.job(22, "ghost", "job.sh")), "test", ack);
        assertEquals(List.of("ACCEPT"), ack.answers);
        BuildFinished finished = events.of(BuildFinished.class).get(0);
        assertEquals(Outcome.FAILED, finished.outcome());
        assertNull(finished.exitCode());
        assertTrue(finished.reason().contains("script job.sh not found in projects/ghost"), finished.reason());
    }

    @Test
    void aRealLongScriptIsAcceptedSoonAfterItStarted(@TempDir Path home) throws Exception {
        Path dir = Files.createDirectories(home.resolve("projects/slow"));
        // The script runs until the test lets it end: the order is asserted, not a duration.
        Path release = home.resolve("release");
        Files.writeString(dir.resolve("job.sh"), "echo started\nwhile [ ! -e " + release + " ]; do sleep 0.05; done\n");
        ProcessBuildExecutor executor = realExecutor(home);
        CompletableFuture<Void> running = CompletableFuture.runAsync(
                () -> handler(executor).handle(record(Jobs.job(21, "slow", "job.sh")), "test", ack));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ack.answers.isEmpty());
        assertEquals(List.of("ACCEPT"), ack.answers);
        assertFalse(running.isDone(), "accepted while the script still runs");
        Files.writeString(release, "");
        running.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("ACCEPT"), ack.answers);
    }

    @Test
    void aRevokedAttemptIsAbandoned() throws Exception {
        CompletableFuture<Void> running = startedInBackground(15);
        registry.apply(StopAttempt.of(15, 1, null, StopAttempt.Reason.REVOKED, "lease expired"));
        running.get(5, TimeUnit.SECONDS);
        BuildFinished finished = events.of(BuildFinished.class).get(0);
        assertEquals(Outcome.ABANDONED, finished.outcome());
        assertEquals("attempt revoked: lease expired", finished.reason());
    }

    @Test
    void aRecordArrivingWhileDrainingIsReleased() {
        draining.set(true);
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("x", 0);
        handler(executor).handle(record(Jobs.job(16, "hello", "job.sh")), "test", ack);
        assertEquals(List.of("RELEASE"), ack.answers);
        assertEquals(0, executor.runs);
    }

    @Test
    void aLostAcceptStillRunsTheAttemptWhoseStartIsOnRecord() {
        ack.acceptWorks = false;
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("x", 0);
        handler(executor).handle(record(Jobs.job(17, "hello", "job.sh")), "test", ack);
        assertEquals(1, executor.runs);
        assertEquals(List.of("BuildStarted", "LogChunk", "BuildFinished"), events.flow());
    }
}
