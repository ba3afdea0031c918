package dev.sparky.contracts.api;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.RunnerPools;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A build as the JSON API shows it ({@code GET /api/v1/builds/{id}}). Served by the dispatcher's internal
 * API and passed through by the UI service unchanged.
 *
 * @param sparkyCode the number Sparky's API uses for {@code state} (see {@link dev.sparky.contracts.BuildState})
 * @param reason why the build is in its state, for people ("exit code 2", "runner lost", "waiting: ...")
 * @param attempts every attempt on a runner, oldest first; empty while never started
 * @param pool the runner pool the build runs on: the one it was last handed out to, else its project's (null:
 *     the default pool)
 */
public record BuildView(
        long id,
        String project,
        String jobId,
        String description,
        BuildState state,
        int sparkyCode,
        String reason,
        Map<String, String> params,
        String requestedBy,
        String source,
        Long parentBuildId,
        int attempt,
        String runnerId,
        Integer exitCode,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMillis,
        long logBytes,
        List<AttemptView> attempts,
        String pool) {

    public BuildView {
        pool = RunnerPools.orDefault(pool);
    }

    /**
     * The same view with {@code durationMillis} as of {@code nowMillis} while the build runs (started, not
     * finished); any other view as it is. A view kept for a while (a cached dashboard) is brought up to date.
     */
    public BuildView durationAt(long nowMillis) {
        if (startedAt == null || finishedAt != null) {
            return this;
        }
        return new BuildView(
                id,
                project,
                jobId,
                description,
                state,
                sparkyCode,
                reason,
                params,
                requestedBy,
                source,
                parentBuildId,
                attempt,
                runnerId,
                exitCode,
                queuedAt,
                startedAt,
                finishedAt,
                durationMillis(startedAt.toEpochMilli(), null, nowMillis),
                logBytes,
                attempts,
                pool);
    }

    /** How long a build ran: until it finished, or until {@code nowMillis} while it runs; null before it started. */
    public static Long durationMillis(Long startedAtMillis, Long finishedAtMillis, long nowMillis) {
        if (startedAtMillis == null) {
            return null;
        }
        return Math.max(0, (finishedAtMillis != null ? finishedAtMillis : nowMillis) - startedAtMillis);
    }
}
