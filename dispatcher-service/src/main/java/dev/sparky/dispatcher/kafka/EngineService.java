package dev.sparky.dispatcher.kafka;

import dev.sparky.dispatcher.config.DispatcherConfig;
import dev.sparky.dispatcher.engine.DispatchEngine;
import dev.sparky.dispatcher.notify.WebhookNotifier;
import dev.sparky.dispatcher.store.EngineStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Starts the Kafka clients, the notifier and the engine thread when the service starts, and stops them in
 * order when it stops. Nothing here waits for Kafka: the service starts with the broker down.
 */
@Singleton
public class EngineService {
    private static final Duration OUTBOX_ACK_TIMEOUT = Duration.ofSeconds(15);

    private final DispatchEngine engine;
    private final EngineStore store;
    private final KafkaClients kafka;
    private final DispatcherConfig config;
    private final Clock clock;
    private WebhookNotifier notifier;
    private EngineLoop loop;
    private Thread engineThread;

    EngineService(DispatchEngine engine, EngineStore store, KafkaClients kafka, DispatcherConfig config, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.kafka = kafka;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ev) {
        kafka.start();
        notifier = new WebhookNotifier(engine.notifications()).start();
        OutboxPublisher outbox =
                new OutboxPublisher(store.rows(), kafka.publisher().raw(), OUTBOX_ACK_TIMEOUT);
        loop = new EngineLoop(
                engine,
                store.files().logs(),
                outbox,
                kafka::newConsumer,
                kafka.watch(),
                config.dispatcher().pollTimeout(),
                config.dispatcher().busyTurn(),
                clock);
        engineThread = new Thread(loop, "sparky-engine");
        engineThread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (loop == null) {
            return;
        }
        loop.stop();
        kafka.stopThreads();
        try {
            engineThread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.close();
        kafka.close();
        store.close();
    }

    public boolean engineAlive() {
        return engineThread != null && engineThread.isAlive();
    }

    public EngineStatus status() {
        return loop == null ? null : loop.status();
    }

    public KafkaWatch watch() {
        return kafka.watch();
    }
}
