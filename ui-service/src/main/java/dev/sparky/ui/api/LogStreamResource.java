package dev.sparky.ui.api;

import dev.sparky.contracts.Json;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.auth.Action;
import dev.sparky.ui.config.UiConfig;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import dev.sparky.ui.live.StreamSlots;
import dev.sparky.ui.log.LogFollower;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/builds/{id}/log/stream}: the live log as server-sent events. Events "log" carry new
 * text as a JSON string (so newlines survive) with the byte offset after it as the event id (a browser
 * reconnecting sends it back as Last-Event-ID); the stream ends with an event "end" carrying the state.
 * The dispatcher is polled server-side, so a browser holds one connection instead of polling.
 */
@Path("/api/v1/builds/{id}/log/stream")
@Tag(name = "builds")
@PermissionsAllowed(AccessChecks.READ)
public class LogStreamResource {
    /** Consecutive failed polls (dispatcher restarting) tolerated before the stream ends with "error". */
    static final int MAX_FAILURES = 40;

    private final DispatcherClient dispatcher;
    private final Duration interval;
    private final Access access;
    private final StreamSlots slots;

    public LogStreamResource(DispatcherClient dispatcher, UiConfig config, Access access, StreamSlots slots) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.slots = slots;
        this.interval = config.stream().pollInterval();
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live log as server-sent events: 'log' events (JSON string), then 'end' (the state)")
    public Multi<OutboundSseEvent> stream(
            @PathParam("id") long id,
            @QueryParam("offset") Long offset,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse,
            @Context RoutingContext request) {
        var build = dispatcher.build(id).orElseThrow(() -> BuildsResource.notFound(id));
        access.require(Action.READ, build.project());
        StreamSlots.Slot slot = slots.acquire(
                request.request().remoteAddress() == null
                        ? null
                        : request.request().remoteAddress().host());
        request.addEndHandler(ended -> slot.close());
        LogFollower follower = new LogFollower(dispatcher, id, startOffset(offset, lastEventId));
        return Multi.createFrom()
                .<OutboundSseEvent>emitter(emitter -> follow(follower, sse, emitter))
                .onTermination()
                .invoke(slot::close);
    }

    private void follow(LogFollower follower, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean over = new AtomicBoolean();
        ScheduledFuture<?> task = Infrastructure.getDefaultWorkerPool()
                .scheduleWithFixedDelay(
                        () -> {
                            if (emitter.isCancelled() || over.get()) {
                                return;
                            }
                            try {
                                LogFollower.Step step = follower.poll();
                                failures.set(0);
                                if (!step.text().isEmpty()) {
                                    emitter.emit(event(sse, "log", String.valueOf(step.offset()), step.text()));
                                }
                                if (step.done()) {
                                    String state = step.state() == null
                                            ? "unknown"
                                            : step.state().wireName();
                                    over.set(true);
                                    emitter.emit(event(sse, "end", String.valueOf(step.offset()), state));
                                    emitter.complete();
                                }
                            } catch (DispatcherUnavailableException e) {
                                if (failures.incrementAndGet() >= MAX_FAILURES) {
                                    over.set(true);
                                    emitter.emit(event(sse, "error", null, e.getMessage()));
                                    emitter.complete();
                                }
                            } catch (RuntimeException e) {
                                over.set(true);
                                emitter.fail(e);
                            }
                        },
                        0,
                        interval.toMillis(),
                        TimeUnit.MILLISECONDS);
        emitter.onTermination(() -> task.cancel(false));
    }

    private static OutboundSseEvent event(Sse sse, String name, String id, String text) {
        OutboundSseEvent.Builder b = sse.newEventBuilder()
                .name(name)
                .data(new String(Json.write(text), java.nio.charset.StandardCharsets.UTF_8));
        return id == null ? b.build() : b.id(id).build();
    }

    static long startOffset(Long offset, String lastEventId) {
        if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
            return Long.parseLong(lastEventId);
        }
        return offset == null || offset < 0 ? 0 : offset;
    }
}
