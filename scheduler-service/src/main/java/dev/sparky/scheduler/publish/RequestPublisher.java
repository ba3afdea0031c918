package dev.sparky.scheduler.publish;

import dev.sparky.contracts.events.BuildRequest;

/**
 * Hands a build request to the dispatcher. Returns only once the request is durable (for Kafka: the
 * broker's acknowledgement), so callers may then forget the trigger (delete the trigger file, remember the
 * SHA). A small interface so the domain classes run against an in-memory fake in tests.
 */
public interface RequestPublisher {

    /** @throws dev.sparky.kafka.PublishFailedException when the request was not accepted; try again later */
    void publish(BuildRequest request);
}
