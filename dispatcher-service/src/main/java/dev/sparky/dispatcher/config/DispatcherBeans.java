package dev.sparky.dispatcher.config;

import dev.sparky.dispatcher.engine.EngineMetrics;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.Database;
import dev.sparky.dispatcher.store.LogStore;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.project.ProjectCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Builds the plain-Java parts from the configuration, once. */
@Singleton
public class DispatcherBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Opens the database and migrates it: a schema that cannot be brought up to date stops the start. */
    @Produces
    @Singleton
    Database database(DispatcherConfig config) {
        return Database.open(DispatcherConfig.stateDir(config));
    }

    void closeDatabase(@Disposes Database db) {
        db.close();
    }

    @Produces
    @Singleton
    LogStore logStore(DispatcherConfig config) {
        return new LogStore(DispatcherConfig.stateDir(config).resolve("logs"));
    }

    @Produces
    @Singleton
    ProjectCatalog catalog(DispatcherConfig config) {
        return new ProjectCatalog(DispatcherConfig.projectsDir(config));
    }

    @Produces
    @Singleton
    BuildQueries queries(Database db) {
        return new BuildQueries(db);
    }

    @Produces
    @Singleton
    KafkaSettings kafkaSettings(DispatcherConfig config) {
        return KafkaSettings.of(config.kafka().bootstrapServers());
    }

    @Produces
    @Singleton
    EngineSettings engineSettings(DispatcherConfig config) {
        return new EngineSettings(config.dispatcher().lease(), config.dispatcher().logCap().asLongValue(),
                Duration.ofSeconds(2));
    }

    @Produces
    @Singleton
    EngineMetrics metrics(MeterRegistry registry, BuildQueries queries) {
        return new MicrometerEngineMetrics(registry, queries);
    }
}
