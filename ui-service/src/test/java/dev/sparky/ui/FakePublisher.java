package dev.sparky.ui;

import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.ui.trigger.RequestPublisher;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/** Kafka, in memory: records what was published; {@link #failing} makes every publish time out. */
@Mock
@Singleton
public class FakePublisher implements RequestPublisher {
    public final List<BuildRequest> requests = new CopyOnWriteArrayList<>();
    public final List<CancelBuild> cancels = new CopyOnWriteArrayList<>();
    public final List<dev.sparky.contracts.events.ApiTokenCommand> tokenCommands = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    public void reset() {
        requests.clear();
        cancels.clear();
        tokenCommands.clear();
        failing = false;
    }

    @Override
    public void publish(BuildRequest request) {
        fail();
        requests.add(request);
    }

    @Override
    public void publish(CancelBuild cancel) {
        fail();
        cancels.add(cancel);
    }

    @Override
    public void publish(ApiTokenCommand command) {
        fail();
        tokenCommands.add(command);
    }

    private void fail() {
        if (failing) {
            throw new PublishFailedException(
                    "Kafka did not acknowledge within 5000 ms on the topic", new TimeoutException());
        }
    }

    public BuildRequest last() {
        return requests.get(requests.size() - 1);
    }
}
