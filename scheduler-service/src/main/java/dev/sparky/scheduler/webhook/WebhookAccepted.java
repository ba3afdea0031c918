package dev.sparky.scheduler.webhook;

import java.util.List;

/**
 * The 202 answer to a push: the builds queued and, when some or all projects were passed over, why.
 *
 * @param ignored what was not built and why (no project watches the repository, another branch, disabled);
 *     null when every matching project was queued
 */
public record WebhookAccepted(List<Queued> queued, String ignored) {

    /** One build request published. */
    public record Queued(String project, String jobId) {}

    public WebhookAccepted {
        queued = List.copyOf(queued);
    }
}
