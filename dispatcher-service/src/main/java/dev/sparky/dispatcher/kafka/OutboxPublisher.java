package dev.sparky.dispatcher.kafka;

import dev.sparky.dispatcher.store.OutboxRow;
import dev.sparky.dispatcher.store.QueueRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Sends the outbox in the order it was written and waits for every acknowledgement (acks=all, idempotent
 * producer). The rows Kafka took are deleted by {@link #deleteSent()} inside the engine's next transaction
 * rather than in a commit of their own: one disk sync per engine turn instead of two. A crash before that
 * sends them again: every consumer of these records tolerates duplicates. Engine thread only.
 */
public final class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    static final int BATCH = 500;

    private final QueueRepository repo;
    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;
    private boolean failing;
    /** The last row Kafka acknowledged; outbox ids only grow (AUTOINCREMENT). Zero after a start: resend all. */
    private long sentUpTo;

    public OutboxPublisher(QueueRepository repo, Producer<String, byte[]> producer, Duration ackTimeout) {
        this.repo = repo;
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    /** @return true when the outbox is empty afterwards */
    public boolean flush() {
        while (true) {
            List<OutboxRow> rows = repo.outboxBatch(sentUpTo, BATCH);
            if (rows.isEmpty()) {
                return true;
            }
            if (!sendAll(rows)) {
                return false;
            }
            sentUpTo = rows.get(rows.size() - 1).id();
            if (rows.size() < BATCH) {
                return true;
            }
        }
    }

    /**
     * Deletes the rows Kafka acknowledged. Called inside the engine's transaction: a rollback keeps them, and
     * deleting rows that are gone already writes nothing.
     */
    public void deleteSent() {
        if (sentUpTo > 0) {
            repo.deleteOutboxUpTo(sentUpTo);
        }
    }

    private boolean sendAll(List<OutboxRow> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        try {
            for (OutboxRow row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.value());
                row.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (failing) {
                LOG.info("outbox: Kafka takes records again");
                failing = false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (!failing) {
                LOG.warnf(
                        "outbox: %d record(s) not acknowledged, kept for the next try: %s",
                        rows.size(), e instanceof ExecutionException ? e.getCause() : e);
                failing = true;
            }
            return false;
        }
    }
}
