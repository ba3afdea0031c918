package dev.sparky.dispatcher.store;

import java.util.Map;

/** A record written in the same transaction as the state change it announces, sent after commit. */
public record OutboxRow(long id, String topic, String key, byte[] value, Map<String, String> headers) {}
