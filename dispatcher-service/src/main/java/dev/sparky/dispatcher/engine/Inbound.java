package dev.sparky.dispatcher.engine;

/**
 * A consumed record, free of Kafka types so the engine is tested without a broker. Topic, partition and
 * offset identify it: the job id made for a request without one is derived from them, so applying the
 * same record twice makes the same id.
 */
public record Inbound(String topic, int partition, long offset, String key, byte[] value) {
}
