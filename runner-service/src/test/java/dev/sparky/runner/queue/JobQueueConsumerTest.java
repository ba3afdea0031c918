package dev.sparky.runner.queue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.FakeEvents;
import dev.sparky.runner.exec.FakeBuildExecutor;
import dev.sparky.runner.exec.Jobs;
import dev.sparky.runner.metrics.RunnerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The queue loop over Kafka's mock share consumer: records are answered one by one, the consumer closed. */
class JobQueueConsumerTest {
    private final FakeEvents events = new FakeEvents();
    private final AttemptRegistry registry = new AttemptRegistry("runner-1", 100);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final RecordingShareConsumer kafka = new RecordingShareConsumer();

    private JobQueueConsumer consumer(FakeBuildExecutor executor) {
        JobHandler handler = new JobHandler(
                "runner-1",
                executor,
                registry,
                events,
                RunnerMetrics.NONE,
                draining::get,
                JobHandler.Timings.DEFAULT,
                Clock.systemUTC(),
                dev.sparky.runner.exec.Jobs.SEAL);
        return new JobQueueConsumer(() -> kafka, handler, () -> true, draining::get);
    }

    private void add(long offset, byte[] value) {
        kafka.addRecord(new ConsumerRecord<>(Topics.JOBS, 0, offset, String.valueOf(offset), value));
    }

    @Test
    void recordsAreAcceptedOrRejectedAndBuildsReported() throws Exception {
        JobQueueConsumer loop = consumer(FakeBuildExecutor.exiting("ok\n", 0));
        add(0, Json.write(Jobs.job(1, "hello", "job.sh")));
        add(1, "garbage".getBytes());
        add(2, Json.write(Jobs.job(2, "hello", "job.sh")));
        loop.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.of(BuildFinished.class).size() == 2
                        && kafka.acks().size() == 3);
        loop.stop();
        assertTrue(loop.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(List.of("0:ACCEPT", "1:REJECT", "2:ACCEPT"), kafka.acks());
        assertEquals(
                List.of(Outcome.SUCCEEDED, Outcome.SUCCEEDED),
                events.of(BuildFinished.class).stream()
                        .map(BuildFinished::outcome)
                        .toList());
        assertTrue(kafka.closed, "closing releases anything still acquired");
    }

    @Test
    void aShortBuildsAcceptanceRidesOnTheNextPollAndALongOnesIsSentWhileItRuns() throws Exception {
        JobQueueConsumer quick = consumer(FakeBuildExecutor.exiting("ok\n", 0));
        add(0, Json.write(Jobs.job(1, "hello", "job.sh")));
        quick.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.of(BuildFinished.class).size() == 1 && kafka.polls > 1);
        quick.stop();
        assertTrue(quick.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(List.of("0:ACCEPT"), kafka.acks(), "no commit of its own: the next poll carries it");

        RecordingShareConsumer second = new RecordingShareConsumer();
        JobHandler handler = new JobHandler(
                "runner-1",
                FakeBuildExecutor.lastingLong("ok\n", 0),
                registry,
                events,
                RunnerMetrics.NONE,
                draining::get,
                JobHandler.Timings.DEFAULT,
                Clock.systemUTC(),
                Jobs.SEAL);
        JobQueueConsumer slow = new JobQueueConsumer(() -> second, handler, () -> true, draining::get);
        second.addRecord(new ConsumerRecord<>(Topics.JOBS, 0, 5, "5", Json.write(Jobs.job(2, "hello", "job.sh"))));
        slow.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.of(BuildFinished.class).size() == 2);
        slow.stop();
        assertTrue(slow.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(List.of("5:ACCEPT", "COMMIT"), second.acks(), "sent while the build runs, within the lock");
    }

    @Test
    void noRecordIsTakenWhileDraining() throws Exception {
        draining.set(true);
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("ok\n", 0);
        JobQueueConsumer loop = consumer(executor);
        add(0, Json.write(Jobs.job(1, "hello", "job.sh")));
        loop.start();
        assertTrue(loop.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(0, executor.runs);
        assertTrue(kafka.closed);
    }

    @Test
    void aRunnerWithABudgetOfOneRunsOneBuildReleasesTheRestAndSaysItIsDone() throws Exception {
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("ok\n", 0);
        AtomicBoolean spent = new AtomicBoolean();
        JobQueueConsumer loop = consumer(executor).withBudget(BuildBudget.of(1), () -> spent.set(true));
        add(0, Json.write(Jobs.job(1, "hello", "job.sh")));
        add(1, Json.write(Jobs.job(2, "hello", "job.sh")));
        add(2, Json.write(Jobs.job(3, "hello", "job.sh")));
        loop.start();
        assertTrue(loop.awaitStopped(Duration.ofSeconds(10)), "the loop ends by itself after the last build");
        assertEquals(1, executor.runs);
        assertEquals(List.of("0:ACCEPT", "1:RELEASE", "2:RELEASE"), kafka.acks());
        assertEquals(1, events.of(BuildFinished.class).size(), "the one build's finish was reported");
        assertTrue(kafka.closed, "the consumer left the share group");
        assertTrue(spent.get(), "told the process to exit");
    }

    @Test
    void aRefusedRecordDoesNotCountAgainstTheBudget() throws Exception {
        FakeBuildExecutor executor = FakeBuildExecutor.exiting("ok\n", 0);
        AtomicBoolean spent = new AtomicBoolean();
        JobQueueConsumer loop = consumer(executor).withBudget(BuildBudget.of(1), () -> spent.set(true));
        add(0, "garbage".getBytes());
        add(1, Json.write(Jobs.job(2, "hello", "job.sh")));
        loop.start();
        assertTrue(loop.awaitStopped(Duration.ofSeconds(10)));
        assertEquals(List.of("0:REJECT", "1:ACCEPT"), kafka.acks());
        assertEquals(1, executor.runs);
        assertTrue(spent.get());
    }

    @Test
    void aRunnerStoppedBeforeItsBudgetIsSpentDoesNotSayItIsDone() throws Exception {
        AtomicBoolean spent = new AtomicBoolean();
        JobQueueConsumer loop =
                consumer(FakeBuildExecutor.exiting("ok\n", 0)).withBudget(BuildBudget.of(2), () -> spent.set(true));
        add(0, Json.write(Jobs.job(1, "hello", "job.sh")));
        loop.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.of(BuildFinished.class).size() == 1);
        loop.stop();
        assertTrue(loop.awaitStopped(Duration.ofSeconds(5)));
        assertTrue(kafka.closed);
        assertTrue(!spent.get(), "one build of two: the runner goes on until stopped");
    }

    @Test
    void aNegativeBudgetIsRefusedNamingTheSetting() {
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BuildBudget.of(-1));
        assertTrue(e.getMessage().contains("SPARKY_RUNNER_MAX_BUILDS"), e.getMessage());
    }
}
