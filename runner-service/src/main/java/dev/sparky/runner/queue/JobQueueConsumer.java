package dev.sparky.runner.queue;

import dev.sparky.contracts.Topics;
import dev.sparky.runner.lifecycle.LoopThread;
import dev.sparky.runner.metrics.RunnerMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.jboss.logging.Logger;

/**
 * The job queue: a share consumer on {@code sparky.jobs} (group {@code sparky-runners}) polled on its own thread,
 * one record at a time. The build runs on this thread, so the runner does not poll while it builds and holds no
 * other job meanwhile. Before the first poll the group's offset reset is set to earliest. When the runner drains,
 * the loop stops taking records and closing the consumer releases anything it still held. A runner with a
 * {@link BuildBudget} stops the same way after its last build: records beyond it are released, never accepted,
 * so another runner gets them at once; then it says so ({@link #onBudgetSpent}) and the process exits.
 */
public final class JobQueueConsumer extends LoopThread {
    private static final Logger LOG = Logger.getLogger(JobQueueConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<ShareConsumer<String, byte[]>> consumers;
    private final JobHandler handler;
    private final BooleanSupplier groupReady;
    private final BooleanSupplier draining;
    private RunnerMetrics metrics = RunnerMetrics.NONE;
    private BuildBudget budget = BuildBudget.UNLIMITED;
    private Runnable onBudgetSpent = () -> {};
    private String topic = Topics.JOBS;

    /**
     * @param groupReady prepares the group on the broker; blocks, returns false if the runner stopped first
     */
    public JobQueueConsumer(
            Supplier<ShareConsumer<String, byte[]>> consumers,
            JobHandler handler,
            BooleanSupplier groupReady,
            BooleanSupplier draining) {
        super("sparky-job-queue");
        this.consumers = consumers;
        this.handler = handler;
        this.groupReady = groupReady;
        this.draining = draining;
    }

    /** Reads this job topic (a runner pool's) instead of {@code sparky.jobs}. */
    public JobQueueConsumer withTopic(String jobsTopic) {
        this.topic = jobsTopic;
        return this;
    }

    /** Counts redelivered records (delivery count above one). */
    public JobQueueConsumer withMetrics(RunnerMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /**
     * Takes at most {@code budget}'s builds; once they are done and the consumer has left the group,
     * {@code spent} runs (on this thread, as its last act).
     */
    public JobQueueConsumer withBudget(BuildBudget budget, Runnable spent) {
        this.budget = budget;
        this.onBudgetSpent = spent;
        return this;
    }

    private boolean takesRecords() {
        return !stopping() && !draining.getAsBoolean() && !budget.spent();
    }

    @Override
    protected void runLoop() {
        if (!groupReady.getAsBoolean()) {
            return;
        }
        ShareConsumer<String, byte[]> consumer = consumers.get();
        try {
            consumer.setAcknowledgementCommitCallback(JobQueueConsumer::acknowledgementsCommitted);
            consumer.subscribe(List.of(topic));
            while (takesRecords()) {
                pollOnce(consumer);
            }
        } finally {
            // Releases whatever was acquired and not acknowledged, commits the releases, and leaves the share
            // group: another runner gets those records at once.
            consumer.close(Duration.ofSeconds(5));
            LOG.info("job queue consumer closed");
        }
        if (budget.spent() && !stopping()) {
            LOG.infof("took %d of %d build(s), the most this runner takes: exiting", budget.taken(), budget.max());
            onBudgetSpent.run();
        }
    }

    private void pollOnce(ShareConsumer<String, byte[]> consumer) {
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (!takesRecords()) {
                    consumer.acknowledge(record, AcknowledgeType.RELEASE);
                    continue;
                }
                if (record.deliveryCount().orElse((short) 1) > 1) {
                    metrics.redelivered();
                }
                String origin = record.topic() + " offset " + record.offset();
                if (handler.handle(record.value(), origin, new ShareAck(consumer, record))) {
                    budget.took();
                }
            }
        } catch (KafkaException | IllegalStateException e) {
            LOG.warnf("job queue: %s; polling again", e.getMessage());
            pause();
        }
    }

    /**
     * The pause after a failed poll. The poll loop is not a retry of one call: it polls for as long as the runner
     * takes builds, success or not, so it stays a loop; the pause only keeps a broken broker from being asked
     * in a spin.
     */
    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Logs acknowledgements the broker refused after the fact: an acceptance is committed without waiting. A
     * build whose acceptance was refused runs anyway (its start is on record); a copy delivered elsewhere is
     * revoked by the dispatcher.
     */
    private static void acknowledgementsCommitted(Map<TopicIdPartition, Set<Long>> offsets, Exception error) {
        if (error != null) {
            LOG.warnf(
                    "job record(s) at offsets %s: acknowledgement not committed: %s",
                    offsets.values(), error.getMessage());
        }
    }

    /**
     * Answers one record. An acceptance is noted and rides on the next poll (the ShareFetch request carries it),
     * or is sent without waiting by {@link JobAck#send()} while a build runs long: the start is on record already
     * (JobHandler), so nothing waits for it, and a trivial build costs no ShareAcknowledge request of its own.
     * A release or a rejection is committed and awaited, so the record is free before the runner moves on.
     */
    private record ShareAck(ShareConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record)
            implements JobAck {
        @Override
        public boolean accept() {
            try {
                consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                return true;
            } catch (KafkaException | IllegalStateException e) {
                LOG.warnf("job record at offset %d: ACCEPT failed: %s", record.offset(), e.getMessage());
                return false;
            }
        }

        @Override
        public void send() {
            try {
                consumer.commitAsync();
            } catch (KafkaException | IllegalStateException e) {
                LOG.warnf(
                        "job record at offset %d: sending the acceptance failed (it goes with the next poll): %s",
                        record.offset(), e.getMessage());
            }
        }

        @Override
        public void reject() {
            acknowledgeAndWait(AcknowledgeType.REJECT);
        }

        @Override
        public void release() {
            acknowledgeAndWait(AcknowledgeType.RELEASE);
        }

        private void acknowledgeAndWait(AcknowledgeType type) {
            try {
                consumer.acknowledge(record, type);
                Map<TopicIdPartition, Optional<KafkaException>> result = consumer.commitSync(COMMIT_TIMEOUT);
                result.values()
                        .forEach(error -> error.ifPresent(e -> LOG.warnf(
                                "job record at offset %d: %s not committed: %s",
                                record.offset(), type, e.getMessage())));
            } catch (KafkaException | IllegalStateException e) {
                LOG.warnf("job record at offset %d: %s failed: %s", record.offset(), type, e.getMessage());
            }
        }
    }
}
