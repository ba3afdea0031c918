package dev.sparky.dispatcher.kafka;

import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.kafka.TopicBootstrap;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import dev.sparky.kafka.UntilTheBrokerAnswers;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates the product's topics ({@link SparkyTopics}, with a job topic per declared runner pool) in the background,
 * retrying until the broker answers ({@link UntilTheBrokerAnswers}). The dispatcher is the only service that creates topics.
 */
final class TopicBootstrapper implements Runnable {
    private static final Logger LOG = Logger.getLogger(TopicBootstrapper.class);
    /**
     * Every service and runner of a local stack starts at once and waits for these topics: retry soon after the
     * broker comes up (an attempt against a broker not up yet already waits for the client's timeout).
     */
    private static final long RETRY_MS = 500;

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
        boolean created = UntilTheBrokerAnswers.run(
                "Kafka topic creation",
                Duration.ofMillis(RETRY_MS),
                () -> !running,
                (e, n) -> {
                    if (n == 1) {
                        LOG.warnf("cannot create the topics yet, retrying every %d ms: %s", RETRY_MS, e.getMessage());
                    }
                },
                () -> TopicBootstrap.ensure(settings, replicationFactor, topics));
        if (created) {
            LOG.info("Kafka topics are in place");
        }
    }

    void stop() {
        running = false;
    }
}
