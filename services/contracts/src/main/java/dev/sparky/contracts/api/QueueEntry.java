package dev.sparky.contracts.api;

import java.time.Instant;

/**
 * A queued build and why it waits.
 *
 * @param position 1 for the next build to be handed out in its project
 * @param reason for people: "waiting for a free runner", "project concurrency 1 reached: build 41 running", ...
 */
public record QueueEntry(
        long buildId,
        String project,
        String jobId,
        String description,
        Instant queuedAt,
        int position,
        String reason) {}
