package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.Topics;

/**
 * The topic names as the engine takes them: the product's fixed names ({@link Topics}, laid out in
 * {@code dev.sparky.kafka.SparkyTopics}), passed in so that engine tests can tell the topics apart.
 */
public record TopicNames(
        String buildRequests,
        String buildRequestsDlq,
        String buildEvents,
        String buildCommands,
        String jobs,
        String runnerEvents,
        String runnerControl) {

    public static TopicNames defaults() {
        return new TopicNames(
                Topics.BUILD_REQUESTS,
                Topics.BUILD_REQUESTS_DLQ,
                Topics.BUILD_EVENTS,
                Topics.BUILD_COMMANDS,
                Topics.JOBS,
                Topics.RUNNER_EVENTS,
                Topics.RUNNER_CONTROL);
    }

    /** The configured name of a topic known by its default name. */
    public String resolve(String defaultName) {
        return switch (defaultName) {
            case Topics.BUILD_REQUESTS -> buildRequests;
            case Topics.BUILD_REQUESTS_DLQ -> buildRequestsDlq;
            case Topics.BUILD_EVENTS -> buildEvents;
            case Topics.BUILD_COMMANDS -> buildCommands;
            case Topics.JOBS -> jobs;
            case Topics.RUNNER_EVENTS -> runnerEvents;
            case Topics.RUNNER_CONTROL -> runnerControl;
            default -> defaultName;
        };
    }
}
