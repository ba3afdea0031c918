package dev.sparky.ui.config;

import dev.sparky.contracts.ServiceToken;
import dev.sparky.kafka.KafkaConfig;
import dev.sparky.kafka.KafkaProbe;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.ui.trigger.JobIds;
import dev.sparky.ui.trigger.RecentTriggers;
import dev.sparky.ui.trigger.RequestPublisher;
import dev.sparky.ui.trigger.TriggerCounter;
import dev.sparky.ui.trigger.TriggerService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Builds the plain-Java collaborators (shared modules and domain classes) from the typed configuration. */
public class UiBeans {

    @Produces
    @Singleton
    KafkaSettings kafkaSettings(KafkaConfig config) {
        return KafkaConfig.settings(config);
    }

    /** The service token for the dispatcher and the scheduler; without one the service refuses to start. */
    @Produces
    @Singleton
    ServiceToken serviceToken(UiConfig config) {
        return ServiceToken.require(config.service().token(), "sparky-ui");
    }

    void checkServiceToken(@Observes StartupEvent event, ServiceToken token) {
        // Injecting it is the check: a missing token fails the start with the message of ServiceToken.require.
    }

    @Produces
    @Singleton
    KafkaProbe kafkaProbe(KafkaSettings settings) {
        // Not ready until the dispatcher has created the topics the UI writes and reads.
        return new KafkaProbe(settings, Clock.systemUTC(), Duration.ofSeconds(2), SparkyTopics.ui());
    }

    void closeProbe(@Disposes KafkaProbe probe) {
        probe.close();
    }

    @Produces
    @Singleton
    ProjectCatalog projectCatalog(UiConfig config) {
        return new ProjectCatalog(Path.of(config.home()).resolve("projects"));
    }

    @Produces
    @Singleton
    TriggerService triggerService(
            UiConfig config, ProjectCatalog catalog, RequestPublisher publisher, MeterRegistry registry) {
        RecentTriggers recent =
                new RecentTriggers(Clock.systemUTC(), config.trigger().rememberAccepted());
        TriggerCounter counter =
                (source, result) -> registry.counter("sparky.triggers", "source", source, "result", result)
                        .increment();
        return new TriggerService(catalog, publisher, new JobIds(), recent, counter);
    }
}
