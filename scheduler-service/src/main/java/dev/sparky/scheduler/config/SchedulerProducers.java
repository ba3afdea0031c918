package dev.sparky.scheduler.config;

import dev.sparky.contracts.Topics;
import dev.sparky.kafka.EventPublisher;
import dev.sparky.kafka.KafkaConfig;
import dev.sparky.kafka.KafkaProbe;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.scheduler.project.ProjectGate;
import dev.sparky.scheduler.publish.KafkaRequestPublisher;
import dev.sparky.scheduler.publish.RequestPublisher;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The plain objects shared by the triggers: clock, projects, Kafka, metrics. */
@Singleton
public class SchedulerProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ProjectCatalog catalog(SchedulerConfig config) {
        return new ProjectCatalog(Path.of(config.home()).resolve("projects"));
    }

    @Produces
    @Singleton
    KafkaSettings kafkaSettings(KafkaConfig config) {
        return KafkaConfig.settings(config);
    }

    @Produces
    @Singleton
    EventPublisher eventPublisher(KafkaSettings settings) {
        // The producer connects in the background: the service starts while the broker is down.
        return new EventPublisher(settings, "sparky-scheduler");
    }

    void closePublisher(@Disposes EventPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    RequestPublisher requestPublisher(EventPublisher publisher, SchedulerConfig config) {
        return new KafkaRequestPublisher(
                publisher, Topics.BUILD_REQUESTS, config.kafka().publishTimeout());
    }

    @Produces
    @Singleton
    KafkaProbe kafkaProbe(KafkaSettings settings, Clock clock) {
        // Not ready until the dispatcher has created the topic: a trigger accepted before would wait in the
        // producer and time out.
        return new KafkaProbe(settings, clock, Duration.ofSeconds(2), SparkyTopics.scheduler());
    }

    void closeProbe(@Disposes KafkaProbe probe) {
        probe.close();
    }

    @Produces
    @Singleton
    SchedulerMetrics metrics(MeterRegistry registry) {
        return new SchedulerMetrics(registry);
    }

    @Produces
    @Singleton
    ProjectGate gate() {
        return new ProjectGate();
    }
}
