package dev.sparky.runner.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.LogChunkWire;
import dev.sparky.contracts.events.RunnerEvent;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.kafka.EventPublisher;
import dev.sparky.kafka.PublishFailedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Sends runner events to {@code sparky.runner-events} with the type name the dispatcher reads them by. Built on
 * plain producers rather than the shared EventPublisher because the runner needs two behaviours: log chunks and
 * finishes go through a patient producer (long delivery and blocking timeouts: a short broker outage delays them,
 * never drops them; one producer for both keeps a finish behind its build's last chunk); starts and heartbeats go
 * through a prompt one, so a start is refused within its timeout and the job record released in time.
 */
public final class RunnerEventPublisher implements RunnerEventSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunnerEventPublisher.class);
    private static final ObjectWriter WRITER = Json.mapper().writerFor(RunnerEvent.class);

    private final Producer<String, byte[]> patient;
    private final Producer<String, byte[]> prompt;
    private final String topic;
    private volatile boolean closed;

    public RunnerEventPublisher(Properties patientProps, Properties promptProps) {
        this(new KafkaProducer<>(patientProps), new KafkaProducer<>(promptProps), Topics.RUNNER_EVENTS);
    }

    RunnerEventPublisher(Producer<String, byte[]> patient, Producer<String, byte[]> prompt, String topic) {
        this.patient = patient;
        this.prompt = prompt;
        this.topic = topic;
    }

    private Producer<String, byte[]> producerFor(RunnerEvent event) {
        return event instanceof LogChunk || event instanceof BuildFinished ? patient : prompt;
    }

    /** A log chunk as raw bytes with its fields in headers ({@link LogChunkWire}); any other event as JSON. */
    ProducerRecord<String, byte[]> record(String key, RunnerEvent event) {
        if (event instanceof LogChunk chunk) {
            List<Header> headers = new ArrayList<>(8);
            LogChunkWire.headers(chunk)
                    .forEach((name, value) ->
                            headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
            return new ProducerRecord<>(topic, null, key, chunk.data(), headers);
        }
        return new ProducerRecord<>(topic, key, toJson(event));
    }

    /** The JSON of an event, with its {@code type} property. */
    public static byte[] toJson(RunnerEvent event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void send(String key, RunnerEvent event) {
        if (closed) {
            LOG.warnf(
                    "runner events closed: %s for %s not sent", event.getClass().getSimpleName(), key);
            return;
        }
        // The callback keeps only the event's type, not the event: a log chunk's bytes would otherwise stay reachable
        // until the broker acknowledged them, beside the copy in the producer's batch, and every queued chunk twice
        // as large kept the runner's small heap collecting in full (a 200 MB log: most of the runner's CPU).
        String type = event.getClass().getSimpleName();
        boolean heartbeat = event instanceof RunnerHeartbeat;
        try {
            producerFor(event).send(record(key, event), (meta, error) -> {
                if (error != null) {
                    failed(key, type, heartbeat, error);
                }
            });
        } catch (RuntimeException e) {
            failed(key, type, heartbeat, e);
        }
    }

    /** A lost log chunk is an error; a lost heartbeat is not (the next one follows, readiness shows the outage). */
    private static void failed(String key, String type, boolean heartbeat, Exception error) {
        if (heartbeat) {
            LOG.debugf("heartbeat not delivered: %s", error.getMessage());
        } else {
            LOG.errorf("%s for %s was not delivered: %s", type, key, error.getMessage());
        }
    }

    @Override
    public Receipt sendAcknowledged(String key, RunnerEvent event) {
        if (closed) {
            return timeout -> {
                throw new PublishFailedException("runner events are closed", null);
            };
        }
        Future<RecordMetadata> ack;
        try {
            ack = producerFor(event).send(record(key, event));
        } catch (RuntimeException e) {
            return timeout -> {
                throw new PublishFailedException("cannot send to " + topic + ": " + e.getMessage(), e);
            };
        }
        return timeout -> EventPublisher.awaitAck(ack, topic, timeout);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            patient.close(Duration.ofSeconds(5));
            prompt.close(Duration.ofSeconds(2));
        }
    }
}
