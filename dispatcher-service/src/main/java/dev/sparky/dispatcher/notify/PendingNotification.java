package dev.sparky.dispatcher.notify;

/**
 * A webhook call recorded in the {@code notifications} table with the terminal state it announces. The body
 * is the JSON as it will be posted, fixed when the build ended.
 */
public record PendingNotification(long id, long buildId, String url, byte[] body) {}
