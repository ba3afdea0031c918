package dev.sparky.runner.queue;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.Topics;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.TopicBootstrap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.jboss.logging.Logger;

/**
 * What must be true on the broker before the runner takes jobs. The share group must read from the earliest
 * record: with the broker's default ("latest") a job handed out before the first runner joined would be skipped
 * for ever. Both steps retry until the broker answers, so a runner may start before Kafka.
 */
public final class QueueSetup {
    private static final Logger LOG = Logger.getLogger(QueueSetup.class);
    /** Short: the runner is not ready until its topics exist, and the dispatcher creates them as the stack starts. */
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final KafkaSettings settings;
    private final short replicationFactor;
    private final String pool;

    public QueueSetup(KafkaSettings settings, short replicationFactor) {
        this(settings, replicationFactor, RunnerPools.DEFAULT);
    }

    /** @param pool the runner pool whose topic and share group this runner uses */
    public QueueSetup(KafkaSettings settings, short replicationFactor, String pool) {
        this.settings = settings;
        this.replicationFactor = replicationFactor;
        this.pool = RunnerPools.require(pool);
    }

    /** Sets {@code share.auto.offset.reset=earliest} on the runners' group. @return false if stopped first */
    public boolean configureGroup(BooleanSupplier stop) {
        return retry("set the share group's offset reset", stop, this::setEarliest);
    }

    /**
     * Waits until the runner's topics exist: the dispatcher creates them (only its Kafka user may).
     *
     * @return false if stopped first
     */
    public boolean ensureTopics(BooleanSupplier stop) {
        return retry("find the runner's topics", stop, () -> TopicBootstrap.requireExisting(settings,
                List.of(RunnerPools.jobsTopic(pool), Topics.RUNNER_CONTROL, Topics.RUNNER_EVENTS)));
    }

    private void setEarliest() {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, RunnerPools.shareGroup(pool));
        AlterConfigOp earliest = new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                AlterConfigOp.OpType.SET);
        try (Admin admin = Admin.create(settings.admin("sparky-runner-setup"))) {
            admin.incrementalAlterConfigs(Map.of(group, List.of(earliest))).all().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from " + settings.bootstrapServers() + " within 10 s", e);
        }
    }

    private static boolean retry(String what, BooleanSupplier stop, Runnable step) {
        for (int i = 1; !stop.getAsBoolean() && !Thread.currentThread().isInterrupted(); i++) {
            try {
                step.run();
                LOG.infof("Kafka: %s: done", what);
                return true;
            } catch (RuntimeException e) {
                if (i == 1 || i % 30 == 0) {
                    LOG.warnf("Kafka: cannot %s yet (try %d), retrying: %s", what, i, e.getMessage());
                }
                sleep();
            }
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
