package dev.sparky.scheduler.support;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.scheduler.publish.RequestPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what was published; can play a broker that is down. */
public final class FakePublisher implements RequestPublisher {
    private final List<BuildRequest> published = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    @Override
    public void publish(BuildRequest request) {
        if (down) {
            throw new PublishFailedException("broker down (test)", null);
        }
        published.add(request.validate());
    }

    public void down(boolean isDown) {
        down = isDown;
    }

    public List<BuildRequest> published() {
        return List.copyOf(published);
    }

    public List<String> jobIds() {
        return published.stream().map(BuildRequest::jobId).toList();
    }

    public void clear() {
        published.clear();
    }
}
