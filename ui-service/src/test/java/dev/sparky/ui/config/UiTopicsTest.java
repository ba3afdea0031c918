package dev.sparky.ui.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Topics;
import dev.sparky.kafka.SparkyTopics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The live pages read the build events through a messaging channel whose topic is a line of application.properties
 * (the connector reads it there): it must be the topic the dispatcher writes the events to.
 */
class UiTopicsTest {
    @Test
    void theLivePagesReadTheTopicTheDispatcherWritesTheEventsTo() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(UiTopicsTest.class.getResource("/application.properties"), 250))
                .build();
        String topic = config.getValue("mp.messaging.incoming.build-events.topic", String.class);
        assertEquals(Topics.BUILD_EVENTS, topic);
        assertTrue(SparkyTopics.ui().contains(topic));
        assertTrue(SparkyTopics.all().stream().anyMatch(t -> t.name().equals(topic)), "the dispatcher creates it");
    }
}
