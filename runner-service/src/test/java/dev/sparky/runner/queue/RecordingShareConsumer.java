package dev.sparky.runner.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockShareConsumer;

/** Kafka's mock share consumer, remembering each acknowledgement and whether it was closed. */
public class RecordingShareConsumer extends MockShareConsumer<String, byte[]> {
    public final List<String> acks = new ArrayList<>();
    public volatile boolean closed;
    public volatile int polls;

    public RecordingShareConsumer() {
        // The mock takes records only for subscribed topics; the loop subscribes again, which changes nothing.
        subscribe(List.of(dev.sparky.contracts.Topics.JOBS));
    }

    @Override
    public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
        polls++;
        ConsumerRecords<String, byte[]> records = super.poll(Duration.ZERO);
        if (records.isEmpty()) {
            try {
                wait(Math.min(timeout.toMillis(), 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }

    @Override
    public synchronized void acknowledge(ConsumerRecord<String, byte[]> record, AcknowledgeType type) {
        acks.add(record.offset() + ":" + type.name());
        super.acknowledge(record, type);
    }

    /** A commit of its own, rather than the acknowledgements riding on the next poll. */
    @Override
    public synchronized void commitAsync() {
        acks.add("COMMIT");
        super.commitAsync();
    }

    @Override
    public synchronized void close(Duration timeout) {
        closed = true;
        super.close(timeout);
    }

    public synchronized List<String> acks() {
        return List.copyOf(acks);
    }
}
