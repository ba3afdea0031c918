package dev.sparky.dispatcher.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher creates the product's layout, with a one-partition job topic for every declared pool. */
class TopicBootstrapperTest {
    @Test
    void everyDeclaredPoolGetsItsJobTopic() {
        List<TopicSpec> specs =
                new TopicBootstrapper(KafkaSettings.of("127.0.0.1:1"), (short) 1, List.of("gpu", "arm64")).topics();
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        assertTrue(names.containsAll(List.of("sparky.jobs", "sparky.jobs.gpu", "sparky.jobs.arm64")), names.toString());
        specs.stream()
                .filter(t -> t.name().startsWith("sparky.jobs"))
                .forEach(t -> assertEquals(1, t.partitions(), t.name() + " keeps one partition"));
        assertEquals(SparkyTopics.all(List.of("gpu", "arm64")), specs);
    }
}
