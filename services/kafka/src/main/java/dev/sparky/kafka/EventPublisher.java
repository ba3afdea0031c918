package dev.sparky.kafka;

import dev.sparky.contracts.Json;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends contract records as JSON. {@link #publish} returns once the broker has acknowledged the record
 * (acks=all), which is what "accepted" means for a trigger or a trigger file.
 */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(KafkaSettings settings, String clientId) {
        this.producer = new KafkaProducer<>(settings.producer(clientId));
    }

    /** Sends without waiting; the future completes when the broker acknowledged. */
    public CompletableFuture<RecordMetadata> send(String topic, String key, Object value) {
        return sendBytes(topic, key, Json.write(value));
    }

    public CompletableFuture<RecordMetadata> sendBytes(String topic, String key, byte[] value) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (meta, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(meta);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Sends and waits for the acknowledgement.
     *
     * @throws PublishFailedException when the broker did not acknowledge within the timeout
     */
    public RecordMetadata publish(String topic, String key, Object value, Duration timeout) {
        return awaitAck(send(topic, key, value), topic, timeout);
    }

    /**
     * Waits for a record's acknowledgement: the one place a send's outcome becomes a {@link
     * PublishFailedException} that names the topic, for every producer of the product.
     */
    public static RecordMetadata awaitAck(Future<RecordMetadata> ack, String topic, Duration timeout) {
        try {
            return ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new PublishFailedException(
                    "Kafka did not accept the record on " + topic + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException(
                    "Kafka did not acknowledge within " + timeout.toMillis() + " ms on " + topic, e);
        }
    }

    public void flush() {
        producer.flush();
    }

    /** For callers that need headers or other raw features (dead letters). */
    public KafkaProducer<String, byte[]> raw() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
