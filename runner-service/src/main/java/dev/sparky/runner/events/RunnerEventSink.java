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
    default void sendAndWait(String key, RunnerEvent event, Duration timeout) {
        sendAcknowledged(key, event).await(timeout);
    }

    /** Sends; the caller may work meanwhile and then wait for the broker's acknowledgement on the receipt. */
    Receipt sendAcknowledged(String key, RunnerEvent event);

    /** The broker's answer to one sent event. */
    @FunctionalInterface
    interface Receipt {
        /** @throws dev.sparky.kafka.PublishFailedException when it was not acknowledged in time */
        void await(Duration timeout);
    }
}
