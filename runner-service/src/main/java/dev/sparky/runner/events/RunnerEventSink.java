package dev.sparky.runner.events;

import dev.sparky.contracts.events.RunnerEvent;
import java.time.Duration;

/** Where runner events go: {@code sparky.runner-events} in production, a list in tests. */
public interface RunnerEventSink {

    /** Queues the event; a failure is logged by the implementation. */
    void send(String key, RunnerEvent event);

    /**
     * Sends and waits for the broker's acknowledgement.
     *
     * @throws dev.sparky.kafka.PublishFailedException when it was not acknowledged in time
     */
    void sendAndWait(String key, RunnerEvent event, Duration timeout);
}
