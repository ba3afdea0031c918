package dev.sparky.scheduler.publish;

import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.kafka.TopicBootstrap;
import dev.sparky.scheduler.config.SchedulerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** Starts the topic creation when the service starts, like every other service does. */
@ApplicationScoped
public class TopicSetupJob {
    private final TopicSetup setup;
    private final boolean enabled;

    TopicSetupJob(KafkaSettings settings, SchedulerConfig config) {
        short replicationFactor = config.kafka().replicationFactor();
        this.setup = new TopicSetup(() -> TopicBootstrap.ensure(settings, replicationFactor, SparkyTopics.all()),
                Duration.ofSeconds(3));
        this.enabled = config.kafka().createTopics();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            setup.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        setup.stop();
    }
}
