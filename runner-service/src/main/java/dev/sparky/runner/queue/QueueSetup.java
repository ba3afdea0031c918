package dev.sparky.runner.queue;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.kafka.TopicWait;
import dev.sparky.kafka.UntilTheBrokerAnswers;
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
 * What must be true on the broker before the runner takes jobs. The runner's topics ({@link SparkyTopics#runner})
 * must exist: the dispatcher creates them. The share group must read from the earliest record: with the broker's
 * default ("latest") a job handed out before the first runner joined would be skipped for ever. Both steps go on
 * until the broker answers, so a runner may start before Kafka and before the dispatcher.
 */
public final class QueueSetup {
    private static final Logger LOG = Logger.getLogger(QueueSetup.class);
    /** Short: the runner is not ready until its topics exist, and the dispatcher creates them as the stack starts. */
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final KafkaSettings settings;
    private final String pool;
    private final TopicWait topicWait;

    /**
     * @param pool the runner pool whose topic and share group this runner uses
     * @param topicWait how long to wait for the topics before saying, naming them, that they are missing
     */
    public QueueSetup(KafkaSettings settings, String pool, Duration topicWait) {
        this.settings = settings;
        this.pool = RunnerPools.require(pool);
        this.topicWait = TopicWait.on(settings, topicWait);
    }

    /** Sets {@code share.auto.offset.reset=earliest} on the runners' group. @return false if stopped first */
    public boolean configureGroup(BooleanSupplier stop) {
        return retry("set the share group's offset reset", stop, this::setEarliest);
    }

    /**
     * Waits until the runner's topics exist. Each time the bounded wait runs out, the missing topics are logged
     * as an error (with what usually causes it) and the wait starts again: on Kubernetes the runners may start
     * long before the dispatcher, and a restart would not make the topics appear sooner.
     *
     * @return false if stopped first
     */
    public boolean ensureTopics(BooleanSupplier stop) {
        List<String> topics = SparkyTopics.runner(pool).names();
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            try {
                if (topicWait.await(topics, stop)) {
                    LOG.infof("Kafka: the runner's topics %s exist", topics);
                    return true;
                }
            } catch (TopicWait.TopicsMissingException e) {
                LOG.errorf("Kafka: %s", e.getMessage());
            }
        }
        return false;
    }

    private void setEarliest() {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, RunnerPools.shareGroup(pool));
        AlterConfigOp earliest =
                new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET);
        try (Admin admin = Admin.create(settings.admin("sparky-runner-setup"))) {
            admin.incrementalAlterConfigs(Map.of(group, List.of(earliest)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from " + settings.bootstrapServers() + " within 10 s", e);
        }
    }

    /** Runs the step until it succeeds or {@code stop} says so; warns on the first failure and every 30th. */
    private static boolean retry(String what, BooleanSupplier stop, Runnable step) {
        boolean done = UntilTheBrokerAnswers.run(
                "Kafka: " + what,
                PAUSE,
                stop,
                (e, n) -> {
                    if (n == 1 || n % 30 == 0) {
                        LOG.warnf("Kafka: cannot %s yet (try %d), retrying: %s", what, n, e.getMessage());
                    }
                },
                step);
        if (done) {
            LOG.infof("Kafka: %s: done", what);
        }
        return done;
    }
}
