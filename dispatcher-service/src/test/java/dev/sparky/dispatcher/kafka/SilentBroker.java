package dev.sparky.dispatcher.kafka;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer whose broker never answers: sends stay unacknowledged, and a flush returns without completing them
 * (Kafka's mock would complete them all; a real producer would fail them after its delivery timeout).
 */
final class SilentBroker extends MockProducer<String, byte[]> {
    SilentBroker() {
        super(false, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized void flush() {
    }
}
