package dev.sparky.dispatcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.kafka.KafkaConfig;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The topics the dispatcher writes jobs and stop orders to and reads runner events from, as its own configuration
 * resolves them (application.properties and the launcher's environment, through SmallRye Config into
 * DispatcherConfig and the engine settings), compared per pool with the topics a runner of that pool reads and
 * writes ({@link SparkyTopics#runner}; the runner's side is RunnerTopicsTest). A mismatch means a pool's runners
 * wait for ever on a topic nobody writes.
 */
class DispatcherTopicsTest {
    private static EngineSettings load(Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        DispatcherTopicsTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(DispatcherConfig.class)
                .withMapping(KafkaConfig.class)
                .withValidateUnknown(false)
                .build();
        return new DispatcherBeans().engineSettings(config.getConfigMapping(DispatcherConfig.class));
    }

    @Test
    void theDispatcherWritesAndReadsTheTopicsOfEveryPoolsRunners() throws IOException {
        EngineSettings settings = load(Map.of("SPARKY_RUNNER_POOLS", "gpu,arm64"));
        List<String> created =
                SparkyTopics.all(settings.pools()).stream().map(TopicSpec::name).toList();
        for (String pool : List.of("default", "gpu", "arm64")) {
            SparkyTopics.RunnerTopics runner = SparkyTopics.runner(pool);
            assertEquals(runner.jobs(), settings.jobsTopic(pool), pool + ": jobs");
            assertEquals(runner.control(), settings.topics().runnerControl(), pool + ": stop orders");
            assertEquals(runner.events(), settings.topics().runnerEvents(), pool + ": runner events");
            assertTrue(created.containsAll(runner.names()), pool + ": the dispatcher creates " + created);
        }
    }

    @Test
    void aPoolTheDispatcherIsNotToldAboutHasNoTopic() throws IOException {
        EngineSettings settings = load(Map.of());
        List<String> created =
                SparkyTopics.all(settings.pools()).stream().map(TopicSpec::name).toList();
        assertTrue(created.contains(SparkyTopics.runner("default").jobs()));
        assertFalse(created.contains(SparkyTopics.runner("gpu").jobs()), created.toString());
    }
}
