package dev.sparky.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildEvent;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

class EventHubTest {
    static BuildEvent event(long id, String project) {
        return BuildEvent.of(id, "j" + id, project, BuildState.RUNNING, 1, null, null, null, null);
    }

    @Test
    void everyStreamGetsEveryEventOfItsFilter() {
        EventHub hub = new EventHub(16);
        var all = hub.subscribe(null).subscribe().withSubscriber(AssertSubscriber.create(10));
        var hello = hub.subscribe("hello").subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(2, hub.streams());
        hub.publish(event(1, "hello"));
        hub.publish(event(2, "other"));
        assertEquals(2, all.getItems().size());
        assertEquals(1, hello.getItems().size());
        assertEquals(1, hello.getItems().get(0).buildId());
    }

    @Test
    void cancelledStreamsAreForgotten() {
        EventHub hub = new EventHub(16);
        var s = hub.subscribe(null).subscribe().withSubscriber(AssertSubscriber.create(10));
        s.cancel();
        assertEquals(0, hub.streams());
        hub.publish(event(1, "hello"));
    }

    @Test
    void aStreamThatStopsReadingEndsInsteadOfGrowing() {
        EventHub hub = new EventHub(4);
        var slow = hub.subscribe(null).subscribe().withSubscriber(AssertSubscriber.create(0));
        for (int i = 0; i < 10; i++) {
            hub.publish(event(i, "hello"));
        }
        assertTrue(slow.getFailure() != null, "overflow ends the stream");
        assertEquals(0, hub.streams());
    }
}
