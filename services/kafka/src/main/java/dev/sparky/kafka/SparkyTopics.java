package dev.sparky.kafka;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.Topics;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The topic layout of the product in one place: which topics exist, with how many partitions, how long they keep
 * records and how they are cleaned up, and which of them each service uses. The names are the wire contract
 * ({@link Topics}, docs/kafka-api.md) and are not configurable: the broker's ACLs ({@link SparkyAcls}, k8s/kafka),
 * external producers and every service are keyed by them, so a name changed in one service's configuration would
 * only cut that service off. A runner pool's job topic is derived from the pool's name ({@link #jobs(String)}).
 *
 * <p>Only the dispatcher creates topics ({@link #all(Collection)}); every other service waits for the ones it
 * names here ({@link TopicWait}, {@link KafkaProbe}).
 */
public final class SparkyTopics {
    /**
     * Per-attempt orders ({@code sparky.jobs}, {@code sparky.runner-control}): a job not taken within a day is
     * lost anyway (its lease has long run out), and its sealed secrets need not stay on disk longer.
     */
    public static final Duration ORDERS_RETENTION = Duration.ofDays(1);
    /** Requests, commands, events and dead letters: a week, long enough to replay after an outage. */
    public static final Duration EVENTS_RETENTION = Duration.ofDays(7);
    /** Every topic is a log that old records fall off (none is compacted: no record replaces another by key). */
    public static final String CLEANUP_POLICY = "delete";
    /** Partitions of the topics read in parallel by key (requests, events, runner events). */
    public static final int KEYED_PARTITIONS = 3;

    private SparkyTopics() {}

    /**
     * All topics of the default pool with their settings. Orders, commands and dead letters have one partition:
     * the job queue must (docs/adr/0001), the others are small and read in order.
     */
    public static List<TopicSpec> all() {
        return List.of(
                spec(Topics.BUILD_REQUESTS, KEYED_PARTITIONS, EVENTS_RETENTION),
                spec(Topics.BUILD_REQUESTS_DLQ, 1, EVENTS_RETENTION),
                spec(Topics.BUILD_EVENTS, KEYED_PARTITIONS, EVENTS_RETENTION),
                spec(Topics.BUILD_COMMANDS, 1, EVENTS_RETENTION),
                spec(Topics.JOBS, 1, ORDERS_RETENTION),
                spec(Topics.RUNNER_EVENTS, KEYED_PARTITIONS, EVENTS_RETENTION),
                spec(Topics.RUNNER_CONTROL, 1, ORDERS_RETENTION));
    }

    /** All topics, with a job topic for each of these runner pools: what the dispatcher creates at start. */
    public static List<TopicSpec> all(Collection<String> pools) {
        List<TopicSpec> all = new ArrayList<>(all());
        all.addAll(poolJobs(Topics.JOBS, pools));
        return List.copyOf(all);
    }

    /** The job topic of each pool but the default one (whose topic is {@code sparky.jobs}, in {@link #all()}). */
    public static List<TopicSpec> poolJobs(String jobsTopic, Collection<String> pools) {
        return RunnerPools.withDefault(pools).stream()
                .filter(p -> !RunnerPools.DEFAULT.equals(p))
                .map(p -> spec(RunnerPools.jobsTopic(jobsTopic, p), 1, ORDERS_RETENTION))
                .toList();
    }

    /** The job topic of a runner pool: {@code sparky.jobs} for the default pool, {@code sparky.jobs.<pool>} else. */
    public static String jobs(String pool) {
        return RunnerPools.jobsTopic(Topics.JOBS, RunnerPools.orDefault(pool));
    }

    /**
     * The topics a runner of this pool uses: it takes jobs from its pool's topic, reads stop orders from the
     * control topic and writes what it does to the runner events.
     */
    public static RunnerTopics runner(String pool) {
        return new RunnerTopics(jobs(pool), Topics.RUNNER_CONTROL, Topics.RUNNER_EVENTS);
    }

    /** The topics the scheduler uses: it writes build requests only. */
    public static List<String> scheduler() {
        return List.of(Topics.BUILD_REQUESTS);
    }

    /** The topics the UI uses: it writes requests and commands and reads the build events. */
    public static List<String> ui() {
        return List.of(Topics.BUILD_REQUESTS, Topics.BUILD_COMMANDS, Topics.BUILD_EVENTS);
    }

    /** What a runner reads and writes; the dispatcher writes {@code jobs} and {@code control}, reads {@code events}. */
    public record RunnerTopics(String jobs, String control, String events) {
        /** All three, for a wait or a check. */
        public List<String> names() {
            return List.of(jobs, control, events);
        }
    }

    private static TopicSpec spec(String name, int partitions, Duration retention) {
        return new TopicSpec(
                name,
                partitions,
                Map.of("retention.ms", String.valueOf(retention.toMillis()), "cleanup.policy", CLEANUP_POLICY));
    }
}
