package dev.sparky.runner.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.runner.exec.BuildControl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The control topic read without a group: all partitions from their end, every stop applied. */
class StopListenerTest {

    @Test
    void readsStopsFromTheEndOfEveryPartition() throws Exception {
        MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");
        TopicPartition p0 = new TopicPartition(Topics.RUNNER_CONTROL, 0);
        kafka.updatePartitions(
                Topics.RUNNER_CONTROL,
                List.of(new PartitionInfo(Topics.RUNNER_CONTROL, 0, Node.noNode(), new Node[0], new Node[0])));
        kafka.updateEndOffsets(Map.of(p0, 5L));
        AttemptRegistry registry = new AttemptRegistry("runner-1", 10);
        BuildControl control = registry.begin(3, 1, Instant.now());
        StopListener listener = new StopListener(() -> kafka, registry);
        listener.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !kafka.assignment().isEmpty());
        assertEquals(5L, kafka.position(p0), "starts at the end: older stops concern attempts it never had");
        kafka.schedulePollTask(() -> kafka.addRecord(new ConsumerRecord<>(
                Topics.RUNNER_CONTROL,
                0,
                5,
                "3",
                Json.write(StopAttempt.of(3, 1, null, StopAttempt.Reason.CANCELLED, "cancelled by carol")))));
        await().atMost(Duration.ofSeconds(5)).until(() -> control.stopRequest().isPresent());
        listener.stop();
        assertTrue(listener.awaitStopped(Duration.ofSeconds(5)));
        assertEquals(Outcome.CANCELLED, control.stopRequest().orElseThrow().outcome());
    }

    @Test
    void keepsAskingUntilTheTopicHasPartitions() throws Exception {
        MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");
        TopicPartition p0 = new TopicPartition(Topics.RUNNER_CONTROL, 0);
        kafka.updateEndOffsets(Map.of(p0, 2L));
        StopListener listener = new StopListener(() -> kafka, new AttemptRegistry("runner-1", 10));
        listener.start();
        try {
            // the topic is created after the runner started: the listener asks again until it is there
            kafka.updatePartitions(
                    Topics.RUNNER_CONTROL,
                    List.of(new PartitionInfo(Topics.RUNNER_CONTROL, 0, Node.noNode(), new Node[0], new Node[0])));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !kafka.assignment().isEmpty());
            assertEquals(java.util.Set.of(p0), kafka.assignment());
        } finally {
            listener.stop();
        }
        assertTrue(listener.awaitStopped(Duration.ofSeconds(5)));
    }

    @Test
    void aStopEndsTheAskingWhenTheTopicNeverComes() throws Exception {
        MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");
        StopListener listener = new StopListener(() -> kafka, new AttemptRegistry("runner-1", 10));
        listener.start();
        listener.stop();
        assertTrue(listener.awaitStopped(Duration.ofSeconds(5)), "the listener stopped while the topic was missing");
        assertTrue(kafka.assignment().isEmpty());
    }

    @Test
    void aStopWithoutReasonIsMalformed() {
        byte[] value = "{\"schemaVersion\":1,\"buildId\":3,\"attempt\":1}".getBytes();
        assertThrows(MalformedEventException.class, () -> StopListener.parse(value));
    }

    @Test
    void aStopFromANewerSchemaIsRefused() {
        byte[] value = "{\"schemaVersion\":9,\"buildId\":3,\"attempt\":1,\"reason\":\"CANCELLED\"}".getBytes();
        assertThrows(MalformedEventException.class, () -> StopListener.parse(value));
    }
}
