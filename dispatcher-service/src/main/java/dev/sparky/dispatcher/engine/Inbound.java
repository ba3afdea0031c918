package dev.sparky.dispatcher.engine;

import java.util.Map;

/**
 * A consumed record, free of Kafka types so the engine is tested without a broker. Topic, partition and
 * offset identify it: the job id made for a request without one is derived from them, so applying the
 * same record twice makes the same id. Headers are decoded as UTF-8; most records have none.
 */
public record Inbound(String topic, int partition, long offset, String key, byte[] value, Map<String, String> headers) {

    public Inbound {
        headers = headers == null ? Map.of() : headers;
    }

    public Inbound(String topic, int partition, long offset, String key, byte[] value) {
        this(topic, partition, offset, key, value, Map.of());
    }
}
