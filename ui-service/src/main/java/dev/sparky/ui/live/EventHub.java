package dev.sparky.ui.live;

import dev.sparky.contracts.events.BuildEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans build events out to every open browser stream of this replica. Each stream has a bounded buffer: a
 * browser that stops reading loses its stream (and reconnects and reloads), never this service's memory.
 * A stream is forgotten as soon as it ends for any reason, so disconnects cannot leak subscribers.
 */
public final class EventHub {
    private final Set<MultiEmitter<? super BuildEvent>> streams = ConcurrentHashMap.newKeySet();
    private final int buffer;

    public EventHub(int buffer) {
        this.buffer = buffer;
    }

    /** @param project only this project's events; null for all */
    public Multi<BuildEvent> subscribe(String project) {
        // IGNORE + onOverflow().buffer: a full buffer fails the stream at once (and so forgets it); an emitter's
        // own buffer would instead hold the failure back until the stuck reader asked for more.
        Multi<BuildEvent> all = Multi.createFrom()
                .<BuildEvent>emitter(
                        emitter -> {
                            streams.add(emitter);
                            emitter.onTermination(() -> streams.remove(emitter));
                        },
                        BackPressureStrategy.IGNORE)
                .onOverflow()
                .buffer(buffer);
        return project == null ? all : all.select().where(e -> project.equals(e.project()));
    }

    public void publish(BuildEvent event) {
        for (MultiEmitter<? super BuildEvent> s : streams) {
            s.emit(event);
        }
    }

    /** Open streams right now (metric sparky_ui_event_streams). */
    public int streams() {
        return streams.size();
    }
}
