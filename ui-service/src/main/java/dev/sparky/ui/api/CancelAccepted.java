package dev.sparky.ui.api;

/** Answer to a cancel: the command is on Kafka; the build ends {@code cancelled} once the dispatcher applied it. */
public record CancelAccepted(long buildId, String project, String jobId, String statusUrl) {}
