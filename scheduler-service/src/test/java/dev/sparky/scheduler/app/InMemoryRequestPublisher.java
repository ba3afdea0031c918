package dev.sparky.scheduler.app;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.scheduler.publish.RequestPublisher;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Replaces the Kafka publisher in component tests, so the wiring is tested without a broker. */
@Alternative
@Priority(1)
@Singleton
public class InMemoryRequestPublisher implements RequestPublisher {
    private final List<BuildRequest> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(BuildRequest request) {
        published.add(request.validate());
    }

    public List<BuildRequest> published() {
        return List.copyOf(published);
    }
}
