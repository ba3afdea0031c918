package dev.sparky.dispatcher.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Topics;
import dev.sparky.dispatcher.store.Database;
import dev.sparky.dispatcher.store.SqliteBuildRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbox rows leave only once acknowledged, in order, with their headers. */
class OutboxPublisherTest {
    @TempDir
    Path dir;

    Database db;
    SqliteBuildRepository repo;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(dir);
        repo = new SqliteBuildRepository(db.openWriter());
        repo.outbox(Topics.JOBS, "1", "a".getBytes(StandardCharsets.UTF_8), Map.of());
        repo.outbox(
                Topics.BUILD_REQUESTS_DLQ,
                "p",
                "b".getBytes(StandardCharsets.UTF_8),
                Map.of(Topics.REASON_HEADER, "why"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
        db.close();
    }

    @Test
    void sendsInOrderWithHeadersOnceAndDeletesInTheNextTransaction() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        OutboxPublisher outbox = new OutboxPublisher(repo, producer, Duration.ofSeconds(1));
        assertTrue(outbox.flush());
        assertEquals(2, producer.history().size());
        assertEquals(Topics.JOBS, producer.history().get(0).topic());
        var dlq = producer.history().get(1);
        assertEquals(
                "why", new String(dlq.headers().lastHeader(Topics.REASON_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals(2, repo.outboxBatch(0, 10).size(), "kept until the engine's next transaction");
        assertTrue(outbox.flush());
        assertEquals(2, producer.history().size(), "what Kafka took is not sent again");
        repo.outbox(Topics.JOBS, "3", "c".getBytes(StandardCharsets.UTF_8), Map.of());
        repo.inTransaction(() -> {
            outbox.deleteSent();
            return null;
        });
        assertEquals(1, repo.outboxBatch(0, 10).size(), "only the acknowledged rows are deleted");
        assertTrue(outbox.flush());
        assertEquals("3", producer.history().get(2).key());
    }

    @Test
    void aRestartedPublisherSendsWhatWasNotDeletedAgain() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        assertTrue(new OutboxPublisher(repo, producer, Duration.ofSeconds(1)).flush());
        assertTrue(new OutboxPublisher(repo, producer, Duration.ofSeconds(1)).flush());
        assertEquals(4, producer.history().size(), "duplicates, never losses");
    }

    @Test
    void keepsRowsWhenTheBrokerDoesNotAcknowledge() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        assertFalse(new OutboxPublisher(repo, producer, Duration.ofMillis(50)).flush());
        assertEquals(2, repo.outboxBatch(0, 10).size());
    }
}
