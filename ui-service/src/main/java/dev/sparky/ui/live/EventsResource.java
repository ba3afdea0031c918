package dev.sparky.ui.live;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.events.BuildEvent;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.auth.Action;
import dev.sparky.ui.config.UiConfig;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/events}: every build state change as server-sent events, for the live pages and any
 * other client. First an event "ready" (so the browser knows it is connected and reloads what it may have
 * missed), then one event "build" per BuildEvent (JSON), and a comment line now and then to keep idle
 * connections open. There is no replay: a client that reconnects reloads what it shows. Each stream holds one
 * of the {@link StreamSlots} while it is open (429 when there is none).
 */
@Path("/api/v1/events")
@Tag(name = "events")
@PermissionsAllowed(AccessChecks.READ)
public class EventsResource {
    private final EventHub hub;
    private final Duration heartbeat;
    private final long reconnectMillis;
    private final Access access;
    private final StreamSlots slots;

    public EventsResource(EventHub hub, UiConfig config, Access access, StreamSlots slots) {
        this.access = access;
        this.slots = slots;
        this.hub = hub;
        this.heartbeat = config.events().heartbeat();
        this.reconnectMillis = config.events().reconnectDelay().toMillis();
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Build events as server-sent events: 'ready', then 'build' (BuildEvent JSON) per change")
    public Multi<OutboundSseEvent> events(
            @QueryParam("project") String project, @Context Sse sse, @Context RoutingContext request) {
        String only = project == null || project.isBlank() ? null : Names.requireProject(project);
        OutboundSseEvent ready = sse.newEventBuilder()
                .name("ready")
                .data("{}")
                .reconnectDelay(reconnectMillis)
                .build();
        if (only != null) {
            access.require(Action.READ, only);
        }
        var readable = access.readable(); // fixed now: the stream outlives this request
        StreamSlots.Slot slot = slots.acquire(
                request.request().remoteAddress() == null
                        ? null
                        : request.request().remoteAddress().host());
        request.addEndHandler(ended -> slot.close());
        Multi<OutboundSseEvent> builds =
                hub.subscribe(only).filter(e -> readable.test(e.project())).map(e -> build(sse, e));
        Multi<OutboundSseEvent> pings = Multi.createFrom()
                .ticks()
                .every(heartbeat)
                .onOverflow()
                .drop()
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        // The stream ends as soon as the browser goes away, not at the next failed write: that frees the
        // hub subscription at once and keeps "connection closed" write errors out of the log.
        OutboundSseEvent gone = sse.newEventBuilder().comment("closed").build();
        Multi<OutboundSseEvent> closed =
                Multi.createFrom().emitter(emitter -> request.addEndHandler(ended -> emitter.emit(gone)));
        // Merged, not concatenated: the hub subscription exists before "ready" goes out, so no event
        // published after a client saw "ready" can be missed.
        return Multi.createBy()
                .merging()
                .streams(Multi.createFrom().item(ready), builds, pings, closed)
                .select()
                .first(e -> e != gone)
                .onTermination()
                .invoke(slot::close);
    }

    private static OutboundSseEvent build(Sse sse, BuildEvent e) {
        return sse.newEventBuilder()
                .name("build")
                .data(new String(Json.write(e), StandardCharsets.UTF_8))
                .build();
    }
}
