package dev.sparky.contracts.api;

/** Answer to a trigger: the job id, known at once, and where to follow the build. */
public record TriggerAccepted(String project, String jobId, String statusUrl, String buildUrl) {}
