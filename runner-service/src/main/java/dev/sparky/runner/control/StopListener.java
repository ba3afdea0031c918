package dev.sparky.runner.control;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.runner.lifecycle.LoopThread;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads {@code sparky.runner-control} without a group: every runner must see every stop command, so each one
 * assigns itself all partitions and starts at their end (commands sent before it started concern attempts it
 * does not have).
 */
public final class StopListener extends LoopThread {
    private static final Logger LOG = Logger.getLogger(StopListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration ASK_AGAIN = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final AttemptRegistry registry;
    private volatile Consumer<String, byte[]> consumer;

    public StopListener(Supplier<Consumer<String, byte[]>> consumers, AttemptRegistry registry) {
        super("sparky-stop-listener");
        this.consumers = consumers;
        this.registry = registry;
    }

    /** @throws MalformedEventException naming what is wrong */
    static StopAttempt parse(byte[] value) {
        StopAttempt stop = Json.read(value, StopAttempt.class);
        SchemaVersion.check(stop.schemaVersion(), "stop-attempt command");
        if (stop.reason() == null || stop.attempt() < 1) {
            throw new MalformedEventException("stop-attempt command for build " + stop.buildId()
                    + ": fields 'reason' and 'attempt' are required");
        }
        return stop;
    }

    @Override
    protected void runLoop() {
        consumer = consumers.get();
        try (Consumer<String, byte[]> c = consumer) {
            if (!assignAll(c)) {
                return;
            }
            while (!stopping()) {
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("stop listener woken up to close");
        }
    }

    @Override
    protected void onStop() {
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /**
     * Assigns every partition of the control topic, asking again every second until the topic answers with
     * partitions (the broker or the topic may not be there yet): a SmallRye Fault Tolerance retry that a stop of
     * the runner ends.
     */
    private boolean assignAll(Consumer<String, byte[]> c) {
        int[] tryNo = {0};
        TypedGuard<List<TopicPartition>> untilAnswered = TypedGuard.create(new TypeLiteral<List<TopicPartition>>() {})
                .withDescription("stop listener assignment")
                .withRetry()
                .retryOn(KafkaException.class)
                .abortOn(List.of(WakeupException.class, Stopping.class))
                .maxRetries(-1)
                .delay(ASK_AGAIN.toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(3650, ChronoUnit.DAYS)
                .done()
                .build();
        List<TopicPartition> partitions;
        try {
            partitions = untilAnswered.call(() -> partitions(c, ++tryNo[0]));
        } catch (WakeupException e) {
            throw e;
        } catch (Stopping e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        c.assign(partitions);
        c.seekToEnd(partitions);
        partitions.forEach(c::position);
        LOG.infof("listening for stop commands on %d partition(s)", partitions.size());
        return true;
    }

    /** One try: the topic's partitions, or a KafkaException to try again. */
    private List<TopicPartition> partitions(Consumer<String, byte[]> c, int tryNo) throws Stopping {
        if (stopping()) {
            throw new Stopping();
        }
        try {
            List<PartitionInfo> infos = c.partitionsFor(Topics.RUNNER_CONTROL, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                throw new KafkaException("the topic has no partitions yet");
            }
            return infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            if (tryNo == 1 || tryNo % 30 == 0) {
                LOG.warnf("cannot read %s yet (try %d): %s", Topics.RUNNER_CONTROL, tryNo, e.getMessage());
            }
            throw e;
        }
    }

    /** The runner stops: no more tries. */
    private static final class Stopping extends Exception {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            StopAttempt stop = parse(record.value());
            LOG.debugf("stop command: build %d attempt %d (%s)", stop.buildId(), stop.attempt(), stop.reason());
            registry.apply(stop);
        } catch (MalformedEventException e) {
            LOG.errorf("ignored control record at offset %d: %s", record.offset(), e.getMessage());
        }
    }
}
