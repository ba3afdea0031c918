package dev.sparky.ui.live;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.events.BuildEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code sparky.build-events} (channel build-events; each replica in a consumer group of its own, from
 * the latest record, so every replica sees every event) and hands each event to the {@link EventHub}. A bad
 * record is logged and skipped: it must never stop the live pages. While no page listens, records are not read.
 */
@ApplicationScoped
public class BuildEventsConsumer {
    static final String CHANNEL = "build-events";
    private static final Logger LOG = Logger.getLogger(BuildEventsConsumer.class);

    private final EventHub hub;

    public BuildEventsConsumer(EventHub hub) {
        this.hub = hub;
    }

    @Incoming(CHANNEL)
    public void consume(String json) {
        if (hub.streams() == 0) {
            // No page listens on this replica: reading the event would tell nobody (a few per build, under load).
            return;
        }
        BuildEvent event;
        try {
            event = Json.read(json == null ? null : json.getBytes(StandardCharsets.UTF_8), BuildEvent.class);
            SchemaVersion.check(event.schemaVersion(), "build event");
        } catch (MalformedEventException e) {
            LOG.warnf("skipped a record on %s: %s", CHANNEL, e.getMessage());
            return;
        }
        hub.publish(event);
    }
}
