package dev.sparky.dispatcher.store;

import dev.sparky.contracts.BuildState;
import java.util.Map;

/**
 * A row of {@code builds}. Times are epoch millis. A queued build with {@code dispatchedAt} set has been
 * handed out (its RunBuild waits in Kafka for a runner) and holds a slot of its project's concurrency.
 * {@code pool} is the runner pool of its project when it was queued, then the one it was last handed out to.
 */
public record BuildRow(
        long id,
        String project,
        String jobId,
        String description,
        Map<String, String> params,
        String requestedBy,
        String source,
        Long parentBuildId,
        BuildState state,
        String reason,
        int attempt,
        String runnerId,
        Integer exitCode,
        boolean cancelRequested,
        long queuedAt,
        Long dispatchedAt,
        Long startedAt,
        Long finishedAt,
        long logBytes,
        String pool) {

    /** Handed out, not started yet. */
    public boolean dispatched() {
        return state == BuildState.QUEUED && dispatchedAt != null;
    }

    public boolean terminal() {
        return state.isTerminal();
    }
}
