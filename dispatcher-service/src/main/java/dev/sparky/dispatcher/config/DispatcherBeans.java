package dev.sparky.dispatcher.config;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.events.JobSeal;
import dev.sparky.dispatcher.engine.DispatchEngine;
import dev.sparky.dispatcher.engine.EngineMetrics;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.EngineStore;
import dev.sparky.kafka.KafkaConfig;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.project.ProjectCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the engine and its settings from the configuration, once. Storage beans: {@link StorageBeans}. */
@Singleton
public class DispatcherBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ProjectCatalog catalog(DispatcherConfig config) {
        return new ProjectCatalog(DispatcherConfig.projectsDir(config));
    }

    @Produces
    @Singleton
    KafkaSettings kafkaSettings(KafkaConfig config) {
        return KafkaConfig.settings(config);
    }

    @Produces
    @Singleton
    EngineSettings engineSettings(DispatcherConfig config) {
        List<String> pools = config.runnerPools();
        for (String pool : pools) {
            if (!RunnerPools.isValid(pool.trim())) {
                throw new IllegalStateException("the dispatcher refuses to start: sparky.runner-pools "
                        + "(SPARKY_RUNNER_POOLS) names '" + pool + "', which is not a valid runner pool name: "
                        + RunnerPools.RULE);
            }
        }
        return new EngineSettings(
                config.dispatcher().lease(),
                config.dispatcher().logCap().asLongValue(),
                Duration.ofSeconds(2),
                DispatcherConfig.topicNames(config),
                config.dispatcher().publicUrl(),
                pools.stream().map(String::trim).collect(Collectors.toSet()));
    }

    @Produces
    @Singleton
    EngineMetrics metrics(MeterRegistry registry, BuildQueries queries) {
        return new MicrometerEngineMetrics(registry, queries);
    }

    /** The domain over the engine's store; driven by the engine thread only. */
    @Produces
    @Singleton
    DispatchEngine engine(
            EngineStore store,
            ProjectCatalog catalog,
            Clock clock,
            EngineSettings settings,
            EngineMetrics metrics,
            DispatcherConfig config) {
        return new DispatchEngine(
                store.rows(),
                store.files(),
                catalog,
                clock,
                settings,
                metrics,
                JobSeal.fromBase64(config.jobSealKey().orElse(null)));
    }
}
