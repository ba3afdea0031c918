package dev.sparky.kafka;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.Topics;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The topic layout of the product, in one place, so every service creates the same topics the same way. */
public final class SparkyTopics {
    /**
     * Per-attempt orders ({@code sparky.jobs}, {@code sparky.runner-control}): a job not taken within a day is
     * lost anyway (its lease has long run out), and its sealed secrets need not stay on disk longer.
     */
    public static final Duration ORDERS_RETENTION = Duration.ofDays(1);
    /** Requests, commands, events and dead letters: a week, long enough to replay after an outage. */
    public static final Duration EVENTS_RETENTION = Duration.ofDays(7);

    private SparkyTopics() {
    }

    /** All topics with their partition counts and retention. The job queue has one partition: see docs/adr/0001. */
    public static List<TopicSpec> all() {
        return List.of(
                new TopicSpec(Topics.BUILD_REQUESTS, 3, retention(EVENTS_RETENTION)),
                new TopicSpec(Topics.BUILD_REQUESTS_DLQ, 1, retention(EVENTS_RETENTION)),
                new TopicSpec(Topics.BUILD_EVENTS, 3, retention(EVENTS_RETENTION)),
                new TopicSpec(Topics.BUILD_COMMANDS, 1, retention(EVENTS_RETENTION)),
                new TopicSpec(Topics.JOBS, 1, retention(ORDERS_RETENTION)),
                new TopicSpec(Topics.RUNNER_EVENTS, 3, retention(EVENTS_RETENTION)),
                new TopicSpec(Topics.RUNNER_CONTROL, 1, retention(ORDERS_RETENTION)));
    }

    /** The job topic of each pool but the default one (whose topic is {@code sparky.jobs}, in {@link #all()}). */
    public static List<TopicSpec> poolJobs(String jobsTopic, java.util.Collection<String> pools) {
        return RunnerPools.withDefault(pools).stream().filter(p -> !RunnerPools.DEFAULT.equals(p))
                .map(p -> new TopicSpec(RunnerPools.jobsTopic(jobsTopic, p), 1, retention(ORDERS_RETENTION))).toList();
    }

    private static Map<String, String> retention(Duration d) {
        return Map.of("retention.ms", String.valueOf(d.toMillis()));
    }
}
