package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Topics;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SparkyTopicsTest {
    @Test
    void perBuildTopicsSayHowLongTheyKeepRecords() {
        Map<String, String> retention = SparkyTopics.all().stream()
                .collect(Collectors.toMap(TopicSpec::name, t -> t.configs().get("retention.ms")));
        assertEquals(String.valueOf(86_400_000L), retention.get(Topics.JOBS));
        assertEquals(String.valueOf(86_400_000L), retention.get(Topics.RUNNER_CONTROL));
        for (String t : new String[] {
            Topics.RUNNER_EVENTS,
            Topics.BUILD_EVENTS,
            Topics.BUILD_REQUESTS_DLQ,
            Topics.BUILD_REQUESTS,
            Topics.BUILD_COMMANDS
        }) {
            assertEquals(String.valueOf(7 * 86_400_000L), retention.get(t), t);
        }
    }

    @Test
    void everyTopicIsCleanedUpByDeletingOldRecords() {
        for (TopicSpec t : SparkyTopics.all(List.of("gpu"))) {
            assertEquals("delete", t.configs().get("cleanup.policy"), t.name());
        }
    }

    @Test
    void theDispatcherCreatesEveryTopicARunnerOfADeclaredPoolWaitsFor() {
        List<String> created = SparkyTopics.all(List.of("gpu", "arm64")).stream()
                .map(TopicSpec::name)
                .toList();
        for (String pool : List.of("default", "gpu", "arm64")) {
            assertTrue(created.containsAll(SparkyTopics.runner(pool).names()), pool + ": " + created);
        }
        assertTrue(created.containsAll(SparkyTopics.scheduler()));
        assertTrue(created.containsAll(SparkyTopics.ui()));
    }

    @Test
    void aPoolsRunnerReadsItsOwnJobTopicAndTheSharedControlTopic() {
        assertEquals(
                new SparkyTopics.RunnerTopics("sparky.jobs.gpu", "sparky.runner-control", "sparky.runner-events"),
                SparkyTopics.runner("gpu"));
        assertEquals("sparky.jobs", SparkyTopics.runner("default").jobs());
        assertEquals("sparky.jobs", SparkyTopics.jobs(null), "a runner given no pool reads the default pool's");
    }

    @Test
    void theJobQueuesHaveOnePartition() {
        SparkyTopics.all(List.of("gpu")).stream()
                .filter(t -> t.name().startsWith(Topics.JOBS))
                .forEach(t -> assertEquals(1, t.partitions(), t.name()));
    }
}
