package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.Topics;
import dev.sparky.kafka.TopicBootstrap.TopicSpec;
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
        for (String t : new String[] {Topics.RUNNER_EVENTS, Topics.BUILD_EVENTS, Topics.BUILD_REQUESTS_DLQ,
                Topics.BUILD_REQUESTS, Topics.BUILD_COMMANDS}) {
            assertEquals(String.valueOf(7 * 86_400_000L), retention.get(t), t);
        }
    }
}
