package dev.sparky.dispatcher.store;

/**
 * The attempt a valid job API token belongs to; also the JSON answer of
 * {@code POST /internal/v1/job-tokens/verify}.
 */
public record JobTokenOwner(long buildId, String project, String jobId, int attempt) {}
