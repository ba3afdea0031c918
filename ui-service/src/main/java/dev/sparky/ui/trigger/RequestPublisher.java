package dev.sparky.ui.trigger;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.CancelBuild;

/**
 * Puts build requests and cancels on Kafka and returns only once the broker acknowledged them.
 *
 * @see KafkaRequestPublisher
 */
public interface RequestPublisher {

    /** @throws dev.sparky.kafka.PublishFailedException when Kafka did not acknowledge in time */
    void publish(BuildRequest request);

    /** @throws dev.sparky.kafka.PublishFailedException when Kafka did not acknowledge in time */
    void publish(CancelBuild cancel);
}
