package dev.sparky.dispatcher.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.dispatcher.engine.EngineFixture;
import dev.sparky.kafka.KafkaProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop commits consumer offsets only after the batch's outbox was acknowledged, and a turn that brought records
 * lasts at least the busy turn, so that what arrives meanwhile shares the next one.
 */
class EngineLoopTest {
    private static final TopicPartition REQUESTS = new TopicPartition(Topics.BUILD_REQUESTS, 0);
    /** Long enough that a rest cannot be missed, and a record applied without one clearly comes earlier. */
    private static final Duration BUSY_TURN = Duration.ofSeconds(3);

    @TempDir
    Path home;

    EngineFixture f;
    MockConsumer<String, byte[]> consumer;
    Thread thread;
    EngineLoop loop;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("hello", "concurrency: 1\n");
        consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(REQUESTS));
            consumer.updateBeginningOffsets(Map.of(REQUESTS, 0L));
            consumer.addRecord(request(0, "job1"));
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        loop.stop();
        thread.join(5000);
        f.close();
    }

    @Test
    void aRecordArrivingWhileABusyTurnRestsIsAppliedWhenTheTurnEnds() {
        startAndApplyJob1(BUSY_TURN);
        consumer.addRecord(request(1, "job2"));
        // The turn that applied job1 lasts 3 s: job2 waits for it (with whatever else arrives), then is applied.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> f.build("hello", "job2").isEmpty());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> f.build("hello", "job2").isPresent());
    }

    @Test
    void aRecordArrivingAfterAnIdleTurnIsAppliedAtOnce() {
        startAndApplyJob1(BUSY_TURN);
        AtomicBoolean polledAfterTheRest = new AtomicBoolean();
        consumer.schedulePollTask(() -> polledAfterTheRest.set(true));
        await().atMost(Duration.ofSeconds(10)).untilTrue(polledAfterTheRest);
        consumer.addRecord(request(1, "job2"));
        // No turn since then brought records, so nothing rests: well within the 3 s a busy turn lasts.
        await().atMost(Duration.ofMillis(1500))
                .until(() -> f.build("hello", "job2").isPresent());
    }

    @Test
    void aBigBatchIsFollowedByNoRestSoThatALogStreamsAtFullSpeed() {
        startAndApplyJob1(BUSY_TURN);
        // Arrives during job1's rest, as big as a streaming log's poll (not JSON: the request goes to the DLQ).
        consumer.addRecord(
                new ConsumerRecord<>(Topics.BUILD_REQUESTS, 0, 1, "hello", new byte[(int) EngineLoop.FULL_TURN_BYTES]));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.position(REQUESTS) == 2);
        consumer.addRecord(request(2, "job2"));
        // The big batch's turn does not rest: job2 is applied well within the 3 s a rest would last.
        await().atMost(Duration.ofMillis(1500))
                .until(() -> f.build("hello", "job2").isPresent());
    }

    /** Starts the loop with an acknowledging producer; returns once the first turn applied job1, and so rests. */
    private void startAndApplyJob1(Duration busyTurn) {
        start(ackingProducer(), busyTurn);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> f.build("hello", "job1").isPresent());
    }

    private static MockProducer<String, byte[]> ackingProducer() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<String, byte[]> request(long offset, String jobId) {
        return new ConsumerRecord<>(
                Topics.BUILD_REQUESTS,
                0,
                offset,
                "hello",
                Json.write(BuildRequest.of("hello", jobId, "d", Map.of(), "alice", "api")));
    }

    private void start(MockProducer<String, byte[]> producer) {
        start(producer, Duration.ZERO);
    }

    private void start(MockProducer<String, byte[]> producer, Duration busyTurn) {
        KafkaWatch watch = new KafkaWatch(
                () -> new KafkaProbe.Result(true, "ok"), f.clock, Duration.ofSeconds(10), Duration.ofSeconds(1));
        watch.check();
        loop = new EngineLoop(
                f.engine,
                f.logs,
                new OutboxPublisher(f.repo, producer, Duration.ofMillis(200)),
                () -> consumer,
                watch,
                Duration.ofMillis(20),
                busyTurn,
                f.clock);
        thread = new Thread(loop, "test-engine");
        thread.start();
    }

    @Test
    void commitsAfterTheOutboxWasAcknowledged() throws Exception {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        start(producer);
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() != null);
        assertEquals(1, committed().offset());
        assertTrue(producer.history().stream().anyMatch(r -> r.topic().equals(Topics.JOBS)));
        assertTrue(producer.history().stream().anyMatch(r -> r.topic().equals(Topics.BUILD_EVENTS)));
        assertTrue(loop.status().databaseProblem() == null);
    }

    @Test
    void doesNotCommitWhileTheOutboxIsUnsent() throws Exception {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        start(producer);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> f.build("hello", "job1").isPresent());
        // Nothing is committed for as long as the outbox stays unsent.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> committed() == null);
    }

    private OffsetAndMetadata committed() {
        return consumer.committed(Set.of(REQUESTS)).get(REQUESTS);
    }
}
