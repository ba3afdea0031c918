package dev.sparky.runner.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildStarted;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.LogChunkWire;
import dev.sparky.contracts.events.RunnerEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Runner events carry their type, so the dispatcher reads them back as the right record. */
class RunnerEventPublisherTest {

    @Test
    void eventsRoundTripWithTheirTypeName() {
        byte[] json = RunnerEventPublisher.toJson(LogChunk.of("r1", 4, 1, 10, new byte[] {(byte) 0xff, 'a'}));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"type\":\"LogChunk\""));
        RunnerEvent back = Json.read(json, RunnerEvent.class);
        LogChunk chunk = assertInstanceOf(LogChunk.class, back);
        assertEquals(10, chunk.offset());
        assertEquals((byte) 0xff, chunk.data()[0]);
    }

    @Test
    void aLogChunkTravelsAsItsRawBytesWithItsFieldsInHeaders() {
        MockProducer<String, byte[]> patient =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        RunnerEventPublisher publisher = new RunnerEventPublisher(patient, patient, "events");
        byte[] raw = {(byte) 0xff, 27, '[', 'm', '\n'};
        publisher.send("4", LogChunk.of("r1", 4, 2, 100, raw));
        var sent = patient.history().get(0);
        assertArrayEquals(raw, sent.value(), "no JSON and no base64 around the bytes");
        Map<String, String> headers = new LinkedHashMap<>();
        sent.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        LogChunk back = LogChunkWire.read(headers, sent.value());
        assertEquals(4, back.buildId());
        assertEquals(2, back.attempt());
        assertEquals(100, back.offset());
        assertEquals("r1", back.runnerId());
    }

    @Test
    void logAndFinishShareTheirProducerSoTheFinishComesLast() {
        MockProducer<String, byte[]> patient =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        MockProducer<String, byte[]> prompt =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        RunnerEventPublisher publisher = new RunnerEventPublisher(patient, prompt, "events");
        publisher.sendAndWait("4", BuildStarted.of("r1", 4, 1, List.of()), Duration.ofSeconds(1));
        publisher.send("4", LogChunk.of("r1", 4, 1, 0, new byte[] {'x'}));
        publisher.sendAndWait(
                "4",
                BuildFinished.of("r1", 4, 1, BuildFinished.Outcome.SUCCEEDED, 0, 1, "exit code 0"),
                Duration.ofSeconds(1));
        assertEquals(1, prompt.history().size());
        assertEquals(2, patient.history().size());
        assertInstanceOf(BuildFinished.class, Json.read(patient.history().get(1).value(), RunnerEvent.class));
        assertTrue(patient.history().stream()
                .allMatch(r -> r.key().equals("4") && r.topic().equals("events")));
    }
}
