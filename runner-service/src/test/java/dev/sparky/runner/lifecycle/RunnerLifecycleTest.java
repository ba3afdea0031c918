package dev.sparky.runner.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.contracts.events.RunnerHeartbeat.RunnerState;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.FakeEvents;
import dev.sparky.runner.exec.FakeBuildExecutor;
import dev.sparky.runner.exec.Jobs;
import dev.sparky.runner.metrics.RunnerMetrics;
import dev.sparky.runner.queue.JobHandler;
import dev.sparky.runner.queue.JobQueueConsumer;
import dev.sparky.runner.queue.RecordingShareConsumer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drain on SIGTERM: finish within the drain time, or hand the build back; then say STOPPED. */
class RunnerLifecycleTest {
    private final FakeEvents events = new FakeEvents();
    private final AttemptRegistry registry = new AttemptRegistry("runner-1", 100);
    private final RunnerStatus status = new RunnerStatus();
    private final RecordingShareConsumer kafka = new RecordingShareConsumer();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    private RunnerLifecycle lifecycle(FakeBuildExecutor executor, Duration drainTimeout) {
        status.markTopicsReady();
        JobHandler handler = new JobHandler(
                "runner-1",
                executor,
                registry,
                events,
                RunnerMetrics.NONE,
                status::draining,
                JobHandler.Timings.DEFAULT,
                Clock.systemUTC(),
                dev.sparky.runner.exec.Jobs.SEAL);
        JobQueueConsumer jobs = new JobQueueConsumer(() -> kafka, handler, () -> true, status::draining);
        HeartbeatSender heartbeat = new HeartbeatSender("runner-1", "host-1", registry, status, events);
        return new RunnerLifecycle(
                        status,
                        registry,
                        heartbeat,
                        jobs,
                        List.of(),
                        new RunnerLifecycle.Timings(
                                Duration.ofMillis(100), drainTimeout, Duration.ofMillis(200), Duration.ofSeconds(1)))
                .onGiveUp(handler::giveUp);
    }

    @Test
    void aBuildStillRunningAfterTheDrainTimeIsHandedBack() throws Exception {
        FakeBuildExecutor executor = FakeBuildExecutor.runningUntilStopped();
        RunnerLifecycle lifecycle = lifecycle(executor, Duration.ofMillis(300));
        kafka.addRecord(new ConsumerRecord<>(Topics.JOBS, 0, 0, "1", Json.write(Jobs.job(1, "hello", "job.sh"))));
        lifecycle.start(timer);
        assertTrue(executor.started.await(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> events.of(RunnerHeartbeat.class).stream().anyMatch(b -> b.state() == RunnerState.BUSY));
        lifecycle.drain("runner-1");
        BuildFinished finished = events.of(BuildFinished.class).get(0);
        assertEquals(Outcome.HANDED_BACK, finished.outcome());
        assertTrue(finished.reason().contains("handed back"), finished.reason());
        assertTrue(kafka.closed, "the share consumer is closed, releasing what it held");
        List<RunnerHeartbeat> beats = events.of(RunnerHeartbeat.class);
        assertTrue(beats.stream().anyMatch(b -> b.state() == RunnerState.BUSY && b.buildId() == 1L), "busy first");
        assertTrue(beats.stream().anyMatch(b -> b.state() == RunnerState.DRAINING), "draining while it waits");
        assertEquals(RunnerState.STOPPED, beats.get(beats.size() - 1).state(), "the last word is STOPPED");
    }

    @Test
    void anIdleRunnerDrainsAtOnce() {
        RunnerLifecycle lifecycle = lifecycle(FakeBuildExecutor.exiting("x", 0), Duration.ofSeconds(30));
        lifecycle.start(timer);
        long start = System.nanoTime();
        lifecycle.drain("runner-1");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no waiting without a build");
        assertTrue(status.draining());
        assertTrue(kafka.closed);
        assertEquals(List.of(), events.flow());
    }
}
