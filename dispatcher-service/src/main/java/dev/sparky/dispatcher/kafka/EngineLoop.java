package dev.sparky.dispatcher.kafka;

import dev.sparky.dispatcher.engine.DispatchEngine;
import dev.sparky.dispatcher.engine.Inbound;
import dev.sparky.dispatcher.store.LogStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * The engine thread: the only writer. Each turn: poll (at most the poll timeout) -> apply the batch and the
 * periodic work in one transaction (which also deletes the outbox rows Kafka took in the turn before; committed
 * to the operating system, not yet synced to disk) -> send the outbox and wait for the acks -> when offsets are
 * due (at once when a turn brings no records, else at most every 250 ms): sync the logs and the database to
 * disk, then commit the consumer offsets (not awaited). Offsets are committed only when the outbox is empty,
 * so a crash anywhere re-applies at most the batches since the last commit, and every handler is idempotent. Any failure closes
 * the consumer and starts over from the committed offsets after a pause: that is also how it reconnects.
 */
public final class EngineLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(EngineLoop.class);
    private static final long MAX_BACKOFF_MS = 5000;
    /**
     * Under load a turn takes a few builds' records; committing after every one was about one and a half
     * broker requests per build. Offsets are committed at most this often while records keep coming, and at
     * once when a turn brings none.
     */
    private static final long COMMIT_EVERY_NANOS = Duration.ofMillis(250).toNanos();
    /**
     * A turn that brought this much is followed by no rest: a build's requests and events are a few hundred bytes
     * each, a log chunk up to 256 KiB, so this is a log (or a backlog) streaming in, not records trickling in.
     */
    static final long FULL_TURN_BYTES = 64 * 1024;

    private final DispatchEngine engine;
    private final LogStore logs;
    private final OutboxPublisher outbox;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final KafkaWatch watch;
    private final Duration pollTimeout;
    private final long busyTurnNanos;
    private final EngineStatus status;
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> current;

    public EngineLoop(
            DispatchEngine engine,
            LogStore logs,
            OutboxPublisher outbox,
            Supplier<Consumer<String, byte[]>> consumers,
            KafkaWatch watch,
            Duration pollTimeout,
            Duration busyTurn,
            Clock clock) {
        this.engine = engine;
        this.logs = logs;
        this.outbox = outbox;
        this.consumers = consumers;
        this.watch = watch;
        this.pollTimeout = pollTimeout;
        this.busyTurnNanos = busyTurn.toNanos();
        this.status = new EngineStatus(clock);
    }

    public EngineStatus status() {
        return status;
    }

    @Override
    public void run() {
        try {
            engine.start();
        } catch (RuntimeException e) {
            LOG.warnf("start-up sweep of orphan build files failed (tried again at the next start): %s", e);
        }
        // A supervision loop, not a retry: each turn runs a consumer session until it fails or the engine stops
        // (it never "succeeds"), and a failure starts a new session after the back-off. A retry policy's
        // max-retries or max-duration would stop the engine, which must run as long as the dispatcher does.
        long backoff = 200;
        while (running) {
            try (Consumer<String, byte[]> consumer = consumers.get()) {
                current = consumer;
                consumer.subscribe(engine.inputTopics(), new LeaseGate(watch));
                turns(consumer);
            } catch (WakeupException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                watch.distrust();
                LOG.warnf("engine: %s; starting over from the committed offsets in %d ms", e, backoff);
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                continue;
            } finally {
                current = null;
            }
            backoff = 200;
        }
        closeLogsQuietly();
        LOG.info("engine stopped");
    }

    private void turns(Consumer<String, byte[]> consumer) {
        boolean uncommitted = false;
        long lastCommit = System.nanoTime();
        while (running) {
            ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
            long turnStart = System.nanoTime();
            List<Inbound> batch = toInbound(records);
            try {
                engine.apply(batch, watch.leaseChecksAllowed(), outbox::deleteSent);
            } catch (RuntimeException e) {
                closeLogsQuietly();
                status.failed(e);
                throw e;
            }
            status.turnDone();
            uncommitted |= !batch.isEmpty();
            boolean sent = watch.reachable() ? outbox.flush() : false;
            long now = System.nanoTime();
            if (uncommitted && sent && (batch.isEmpty() || now - lastCommit >= COMMIT_EVERY_NANOS)) {
                syncToDisk();
                // Not awaited: the next turn does not depend on it. A commit that fails or is overtaken by a
                // crash only means the batches since the last one are applied again, which every handler
                // tolerates.
                consumer.commitAsync(EngineLoop::committed);
                uncommitted = false;
                lastCommit = now;
            }
            if (!batch.isEmpty() && bytes(records) < FULL_TURN_BYTES) {
                restUntilTurnEnds(turnStart);
            }
        }
    }

    /**
     * Group commit: after a turn that brought a few records, the next poll waits until the turn has lasted
     * {@code busyTurn}. Under load the records of many builds then share one poll, one transaction, one hand-out
     * pass and one produce request, instead of a turn (and two broker requests) for almost every record; a record
     * arriving meanwhile waits at most that long. After an idle turn the poll starts at once, so a build requested
     * on an idle dispatcher is handed out without this wait; after a turn of {@link #FULL_TURN_BYTES} or more (a log
     * streaming in) too, since records are then waiting already and a rest would only slow the log down.
     */
    private void restUntilTurnEnds(long turnStart) {
        long rest = busyTurnNanos - (System.nanoTime() - turnStart);
        if (rest > 0 && running) {
            LockSupport.parkNanos(rest);
        }
    }

    /**
     * The durability point before offsets are committed: the log files written since the last one, then the
     * database. Between two of them commits reach the operating system only: a killed process loses nothing,
     * a power cut rolls the state back to the last point and Kafka delivers the records since then again.
     */
    private void syncToDisk() {
        try {
            logs.syncTouched();
            engine.syncToDisk();
        } catch (RuntimeException e) {
            closeLogsQuietly();
            status.failed(e);
            throw e;
        }
    }

    private static void committed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
        if (error != null) {
            LOG.warnf(
                    "engine: offsets %s not committed (the records are applied again after a restart): %s",
                    offsets, error.getMessage());
        }
    }

    private static long bytes(ConsumerRecords<String, byte[]> records) {
        long total = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            total += r.value() == null ? 0 : r.value().length;
        }
        return total;
    }

    private static List<Inbound> toInbound(ConsumerRecords<String, byte[]> records) {
        List<Inbound> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(new Inbound(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers(r.headers())));
        }
        return out;
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> out = null;
        for (Header h : headers) {
            if (out == null) {
                out = new HashMap<>();
            }
            out.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out == null ? Map.of() : out;
    }

    private void closeLogsQuietly() {
        try {
            logs.syncTouched();
        } catch (RuntimeException ignored) {
            // the batch failed already; its files are closed, what reached them is re-checked on re-apply
        }
    }

    public void stop() {
        running = false;
        Consumer<String, byte[]> c = current;
        if (c != null) {
            c.wakeup();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
