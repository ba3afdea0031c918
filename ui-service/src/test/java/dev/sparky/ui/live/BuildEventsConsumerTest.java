package dev.sparky.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.Json;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The consumer of sparky.build-events: a page that listens gets each event; a bad record never ends its stream. */
class BuildEventsConsumerTest {
    private static String json(long id, String project) {
        return new String(Json.write(EventHubTest.event(id, project)), StandardCharsets.UTF_8);
    }

    @Test
    void aListeningPageGetsTheEventsAndABadRecordIsSkipped() {
        EventHub hub = new EventHub(16);
        BuildEventsConsumer consumer = new BuildEventsConsumer(hub);
        consumer.consume(json(1, "hello")); // before any page listens: nobody to tell, nothing kept for later
        var page = hub.subscribe("hello").subscribe().withSubscriber(AssertSubscriber.create(10));
        consumer.consume("{not json");
        consumer.consume(json(2, "hello"));
        assertEquals(1, page.getItems().size(), "only the event that came while the page listened");
        assertEquals(2, page.getItems().get(0).buildId());
        page.assertNotTerminated();
    }
}
