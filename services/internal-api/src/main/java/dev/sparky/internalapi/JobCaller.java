package dev.sparky.internalapi;

/**
 * The build and attempt a job API token belongs to. Requests made with the token act for this build: its stash,
 * its artifacts, and the parent of the builds it queues.
 */
public record JobCaller(long buildId, String project, String jobId, int attempt) {
    /** "project@buildId": how a child build names who requested it. */
    public String requestedBy() {
        return project + "@" + buildId;
    }
}
