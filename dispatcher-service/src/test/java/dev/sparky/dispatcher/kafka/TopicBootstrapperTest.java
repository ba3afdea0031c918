package dev.sparky.dispatcher.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.dispatcher.engine.TopicNames;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topics are created under their configured names, with the product's partition counts. */
class TopicBootstrapperTest {
    @Test
    void configuredNamesKeepTheLayout() {
        TopicNames names = new TopicNames("a.req", "a.dlq", "a.events", "a.cmd", "a.jobs", "a.rev", "a.ctl");
        List<TopicSpec> specs = TopicBootstrapper.specs(names);
        assertEquals(List.of("a.req", "a.dlq", "a.events", "a.cmd", "a.jobs", "a.rev", "a.ctl"),
                specs.stream().map(TopicSpec::name).toList());
        assertEquals(1, specs.get(4).partitions(), "the job queue keeps one partition");
    }
}
