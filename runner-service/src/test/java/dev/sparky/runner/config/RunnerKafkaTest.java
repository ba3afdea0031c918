package dev.sparky.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.junit.jupiter.api.Test;

/** The clients accept their settings (no broker needed to build a client). */
class RunnerKafkaTest {
    private final KafkaSettings settings = KafkaSettings.of("127.0.0.1:1");

    @Test
    void theShareConsumerTakesOneRecordAtATimeWithExplicitAcks() {
        Properties p = RunnerKafka.shareConsumer(settings, "r1");
        assertEquals("explicit", p.get("share.acknowledgement.mode"));
        assertEquals("record_limit", p.get("share.acquire.mode"));
        assertEquals("1", p.get("max.poll.records"));
        assertEquals("sparky-runners", p.get("group.id"));
        new KafkaShareConsumer<String, byte[]>(p).close(Duration.ofMillis(100));
    }

    @Test
    void theControlConsumerHasNoGroup() {
        Properties p = RunnerKafka.controlConsumer(settings, "r1");
        assertFalse(p.containsKey("group.id"));
        new KafkaConsumer<String, byte[]>(p).close(Duration.ofMillis(100));
    }

    @Test
    void theControlConsumersLongFetchIsAnsweredByAnyStopAndNeverTakenForALostRequest() {
        ConsumerConfig config = new ConsumerConfig(RunnerKafka.controlConsumer(settings, "r1"));
        assertEquals(1, config.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), "a single stop ends the wait");
        assertTrue(
                config.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)
                        < config.getInt(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG),
                "a fetch the broker holds must come back before the client gives the request up");
    }

    @Test
    void logChunksWaitOutABrokerOutage() {
        Properties p = RunnerKafka.patientProducer(settings, "r1");
        assertEquals("300000", p.get("delivery.timeout.ms"));
        assertEquals("300000", p.get("max.block.ms"));
        assertEquals("all", p.get("acks"));
    }

    @Test
    void aWholeLogChunkFitsOneReusedBatchAndFewChunksWaitInTheRunner() {
        Properties p = RunnerKafka.patientProducer(settings, "r1");
        int batch = Integer.parseInt((String) p.get("batch.size"));
        long queued = Long.parseLong((String) p.get("buffer.memory"));
        assertTrue(batch > dev.sparky.runner.exec.LogStreamer.MAX_CHUNK, "a chunk and its headers fill one batch");
        assertTrue(queued <= 8L * 1024 * 1024, "log bytes waiting for the broker stay a small part of the heap");
        assertTrue(queued >= 4L * batch, "a few chunks in flight and queued keep the broker busy");
    }

    @Test
    void runnerIdsAreSafeFolderNames() {
        assertEquals("pod-1.example", RunnerIdentity.safe("pod-1.example"));
        assertEquals("a_b_c", RunnerIdentity.safe("a/b c"));
        assertEquals("runner.._x", RunnerIdentity.safe(".._x"));
    }
}
