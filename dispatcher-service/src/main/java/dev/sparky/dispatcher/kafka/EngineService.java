package dev.sparky.dispatcher.kafka;

import dev.sparky.contracts.Topics;
import dev.sparky.dispatcher.config.DispatcherConfig;
import dev.sparky.dispatcher.engine.DispatchEngine;
import dev.sparky.dispatcher.engine.EngineMetrics;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.dispatcher.store.Database;
import dev.sparky.dispatcher.store.LogStore;
import dev.sparky.dispatcher.store.SqliteBuildRepository;
import dev.sparky.dispatcher.store.StoreException;
import dev.sparky.kafka.EventPublisher;
import dev.sparky.kafka.KafkaProbe;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.project.ProjectCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Starts the engine thread, the Kafka watch and the topic bootstrap when the service starts, and stops
 * them in order when it stops. Nothing here waits for Kafka: the service starts with the broker down.
 */
@Singleton
public class EngineService {
    private final DispatcherConfig config;
    private final Database db;
    private final LogStore logs;
    private final ProjectCatalog catalog;
    private final KafkaSettings kafka;
    private final Clock clock;
    private final EngineSettings settings;
    private final EngineMetrics metrics;
    private KafkaProbe probe;
    private KafkaWatch watch;
    private EngineLoop loop;
    private Thread engineThread;
    private TopicBootstrapper topics;
    private EventPublisher publisher;
    private SqliteBuildRepository repo;

    EngineService(DispatcherConfig config, Database db, LogStore logs, ProjectCatalog catalog, KafkaSettings kafka,
            Clock clock, EngineSettings settings, EngineMetrics metrics) {
        this.config = config;
        this.db = db;
        this.logs = logs;
        this.catalog = catalog;
        this.kafka = kafka;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent ev) {
        try {
            repo = new SqliteBuildRepository(db.openWriter());
        } catch (SQLException e) {
            throw new StoreException("cannot open the database for writing: " + e.getMessage(), e);
        }
        probe = new KafkaProbe(kafka, clock, Duration.ofMillis(500));
        watch = new KafkaWatch(probe::check, clock, settings.lease(), Duration.ofSeconds(1));
        daemon("sparky-kafka-watch", watch).start();
        topics = new TopicBootstrapper(kafka, config.dispatcher().replicationFactor());
        daemon("sparky-topic-bootstrap", topics).start();
        publisher = new EventPublisher(kafka, "sparky-dispatcher-outbox");
        DispatchEngine engine = new DispatchEngine(repo, logs, catalog, clock, settings, metrics);
        OutboxPublisher outbox = new OutboxPublisher(repo, publisher.raw(), Duration.ofSeconds(15));
        loop = new EngineLoop(engine, logs, outbox,
                () -> new KafkaConsumer<>(kafka.consumer(Topics.DISPATCHER_GROUP, "sparky-dispatcher")), watch,
                config.dispatcher().pollTimeout(), clock);
        engineThread = new Thread(loop, "sparky-engine");
        engineThread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (loop == null) {
            return;
        }
        loop.stop();
        topics.stop();
        watch.stop();
        try {
            engineThread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        probe.close();
        repo.close();
    }

    public boolean engineAlive() {
        return engineThread != null && engineThread.isAlive();
    }

    public EngineStatus status() {
        return loop == null ? null : loop.status();
    }

    public KafkaWatch watch() {
        return watch;
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
