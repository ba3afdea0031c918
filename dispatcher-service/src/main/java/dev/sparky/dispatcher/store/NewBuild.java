package dev.sparky.dispatcher.store;

import dev.sparky.contracts.BuildState;
import java.util.Map;

/**
 * A build about to be recorded; {@code finishedAt} is set only for builds refused at once (broken project);
 * {@code pool} is its project's runner pool (null: the default pool, as for an imported Sparky build).
 */
public record NewBuild(
        String project,
        String jobId,
        String description,
        Map<String, String> params,
        String requestedBy,
        String source,
        Long parentBuildId,
        BuildState state,
        String reason,
        long queuedAt,
        Long finishedAt,
        String pool) {}
