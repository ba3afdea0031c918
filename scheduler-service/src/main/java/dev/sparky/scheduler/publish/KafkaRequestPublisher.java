package dev.sparky.scheduler.publish;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.kafka.EventPublisher;
import java.time.Duration;

/** Publishes requests to {@code sparky.build-requests}, keyed by project, and waits for the acknowledgement. */
public final class KafkaRequestPublisher implements RequestPublisher {
    private final EventPublisher publisher;
    private final String topic;
    private final Duration timeout;

    public KafkaRequestPublisher(EventPublisher publisher, String topic, Duration timeout) {
        this.publisher = publisher;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(BuildRequest request) {
        // Validate before sending: a request the dispatcher would dead-letter is a bug here, not a user error.
        publisher.publish(topic, request.project(), request.validate(), timeout);
    }
}
