package dev.sparky.dispatcher.store;

/** A row of {@code notifications}: a notify-hook call waiting for its outcome. */
public record NotificationRow(long id, long buildId, String url, byte[] body) {}
