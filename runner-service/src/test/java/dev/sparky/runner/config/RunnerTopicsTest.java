package dev.sparky.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.kafka.KafkaConfig;
import dev.sparky.kafka.SparkyTopics;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner's topics as its own configuration resolves them (application.properties and the environment a
 * launcher gives it, read through SmallRye Config into RunnerConfig), compared with the layout the dispatcher
 * creates and writes to ({@link SparkyTopics}; the dispatcher's side is DispatcherTopicsTest). If the runner
 * named a topic of its own, a pool's runners would wait for ever on a topic nobody writes.
 */
class RunnerTopicsTest {
    static RunnerConfig load(Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(
                        new PropertiesConfigSource(RunnerTopicsTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(RunnerConfig.class)
                .withMapping(KafkaConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(RunnerConfig.class);
    }

    @Test
    void aDefaultRunnerReadsTheTopicsTheDispatcherWritesForTheDefaultPool() throws IOException {
        SparkyTopics.RunnerTopics topics = RunnerConfig.topics(load(Map.of()));
        assertEquals(SparkyTopics.runner("default"), topics);
        assertEquals("sparky.jobs", topics.jobs());
    }

    @Test
    void aPoolsRunnerReadsItsPoolsJobTopicAndTheSharedControlAndEventTopics() throws IOException {
        SparkyTopics.RunnerTopics topics = RunnerConfig.topics(load(Map.of("SPARKY_RUNNER_POOL", "gpu")));
        assertEquals(SparkyTopics.runner("gpu"), topics);
        assertEquals(
                new SparkyTopics.RunnerTopics("sparky.jobs.gpu", "sparky.runner-control", "sparky.runner-events"),
                topics);
    }
}
