package dev.sparky.kafka;

import dev.sparky.contracts.Topics;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import java.util.List;

/** The topic layout of the product, in one place, so every service creates the same topics the same way. */
public final class SparkyTopics {
    private SparkyTopics() {
    }

    /** All topics with their partition counts. The job queue has one partition: see docs/adr/0001. */
    public static List<TopicSpec> all() {
        return List.of(
                new TopicSpec(Topics.BUILD_REQUESTS, 3),
                new TopicSpec(Topics.BUILD_REQUESTS_DLQ, 1),
                new TopicSpec(Topics.BUILD_EVENTS, 3),
                new TopicSpec(Topics.BUILD_COMMANDS, 1),
                new TopicSpec(Topics.JOBS, 1),
                new TopicSpec(Topics.RUNNER_EVENTS, 3),
                new TopicSpec(Topics.RUNNER_CONTROL, 1));
    }
}
