package dev.sparky.dispatcher.kafka;

import dev.sparky.contracts.Topics;
import dev.sparky.dispatcher.config.DispatcherConfig;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.kafka.EventPublisher;
import dev.sparky.kafka.KafkaProbe;
import dev.sparky.kafka.KafkaSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The dispatcher's Kafka edges besides the engine loop: the reachability watch (readiness, lease trust),
 * the background topic creation, the outbox producer, and the factory of engine consumers. Nothing here waits
 * for the broker: the service starts with Kafka down.
 */
@Singleton
public class KafkaClients {
    private final KafkaSettings kafka;
    private final DispatcherConfig config;
    private final Clock clock;
    private final EngineSettings settings;
    private KafkaProbe probe;
    private KafkaWatch watch;
    private TopicBootstrapper topics;
    private EventPublisher publisher;

    KafkaClients(KafkaSettings kafka, DispatcherConfig config, Clock clock, EngineSettings settings) {
        this.kafka = kafka;
        this.config = config;
        this.clock = clock;
        this.settings = settings;
    }

    void start() {
        probe = new KafkaProbe(kafka, clock, Duration.ofMillis(500));
        watch = new KafkaWatch(probe::check, clock, settings.lease(), Duration.ofSeconds(1));
        daemon("sparky-kafka-watch", watch).start();
        topics = new TopicBootstrapper(kafka, config.dispatcher().replicationFactor(), settings.topics(),
                settings.pools());
        daemon("sparky-topic-bootstrap", topics).start();
        publisher = new EventPublisher(kafka, "sparky-dispatcher-outbox");
    }

    /** A new consumer for the engine thread (a fresh one after each failure). */
    Consumer<String, byte[]> newConsumer() {
        var props = kafka.consumer(Topics.DISPATCHER_GROUP, "sparky-dispatcher");
        // Static membership: a restarted dispatcher takes its partitions back at once instead of waiting for the
        // killed member's session to time out (there is exactly one dispatcher, so one fixed instance id).
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "sparky-dispatcher");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "15000");
        return new KafkaConsumer<>(props);
    }

    EventPublisher publisher() {
        return publisher;
    }

    /** Null before the start. */
    public KafkaWatch watch() {
        return watch;
    }

    /** Stops the background threads; call {@link #close()} once the engine thread stopped. */
    void stopThreads() {
        if (topics != null) {
            topics.stop();
            watch.stop();
        }
    }

    void close() {
        if (publisher != null) {
            publisher.close();
            probe.close();
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
