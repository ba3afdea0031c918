package dev.sparky.ui.trigger;

import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.CancelBuild;

/**
 * Puts build requests, cancels and API token commands on Kafka and returns only once the broker acknowledged them.
 *
 * @see KafkaRequestPublisher
 */
public interface RequestPublisher {

    /** @throws dev.sparky.kafka.PublishFailedException when Kafka did not acknowledge in time */
    void publish(BuildRequest request);

    /** @throws dev.sparky.kafka.PublishFailedException when Kafka did not acknowledge in time */
    void publish(CancelBuild cancel);

    /** An API token command (create, revoke) for the dispatcher, on the commands topic. */
    void publish(ApiTokenCommand command);
}
