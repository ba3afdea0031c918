package dev.sparky.dispatcher.kafka;

import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.kafka.TopicBootstrap;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Creates the product's topics ({@link SparkyTopics}, with a job topic per declared runner pool) in the background,
 * retrying until the broker answers (a SmallRye Fault Tolerance guard). The dispatcher is the only service that creates topics.
 */
final class TopicBootstrapper implements Runnable {
    private static final Logger LOG = Logger.getLogger(TopicBootstrapper.class);
    /**
     * Every service and runner of a local stack starts at once and waits for these topics: retry soon after the
     * broker comes up (an attempt against a broker not up yet already waits for the client's timeout).
     */
    private static final long RETRY_MS = 500;
    /** Longer than any dispatcher lives: creation goes on until the broker answers or the dispatcher stops. */
    private static final long FOREVER_DAYS = 3650;

    private final KafkaSettings settings;
    private final short replicationFactor;
    private final List<TopicSpec> topics;
    private volatile boolean running = true;

    /** @param pools the declared runner pools: each gets its job topic (only the dispatcher creates topics) */
    TopicBootstrapper(KafkaSettings settings, short replicationFactor, Collection<String> pools) {
        this.settings = settings;
        this.replicationFactor = replicationFactor;
        this.topics = SparkyTopics.all(pools);
    }

    /** What this bootstrapper creates. */
    List<TopicSpec> topics() {
        return topics;
    }

    @Override
    public void run() {
        AtomicBoolean warned = new AtomicBoolean();
        TypedGuard<Boolean> untilCreated = TypedGuard.create(Boolean.class)
                .withDescription("Kafka topic creation")
                .withRetry()
                .whenException(e -> e instanceof RuntimeException && running)
                .beforeRetry(e -> {
                    if (!warned.getAndSet(true)) {
                        LOG.warnf("cannot create the topics yet, retrying every %d ms: %s", RETRY_MS, e.getMessage());
                    }
                })
                .maxRetries(-1)
                .delay(RETRY_MS, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(FOREVER_DAYS, ChronoUnit.DAYS)
                .done()
                .build();
        try {
            untilCreated.call(() -> {
                TopicBootstrap.ensure(settings, replicationFactor, topics);
                return true;
            });
            LOG.info("Kafka topics are in place");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // stopped while the broker did not answer: the last failure was not retried
        }
    }

    void stop() {
        running = false;
    }
}
