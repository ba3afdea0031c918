package dev.sparky.runner.exec;

import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.events.RunBuild;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Job records for tests. */
public final class Jobs {
    /** The seal key of the tests\' runner (a dispatcher would seal with the same). */
    public static final dev.sparky.contracts.events.JobSeal SEAL =
            dev.sparky.contracts.events.JobSeal.fromBase64(dev.sparky.contracts.events.JobSeal.newKey());

    private Jobs() {}

    public static RunBuild job(long buildId, String project, String script) {
        return job(buildId, project, script, Map.of(), Map.of(), List.of(), 60, 10L * 1024 * 1024);
    }

    public static RunBuild job(
            long buildId,
            String project,
            String script,
            Map<String, String> params,
            Map<String, String> env,
            List<String> secrets,
            long timeoutSeconds,
            long logCap) {
        return new RunBuild(
                SchemaVersion.CURRENT,
                "ev-" + buildId,
                buildId,
                1,
                project,
                "job" + buildId,
                "test build",
                params,
                env,
                secrets,
                script,
                timeoutSeconds,
                List.of(),
                logCap,
                1,
                Instant.now(),
                Instant.now(),
                null,
                null,
                null,
                null);
    }

    /** The same job with a job API token. */
    public static RunBuild withToken(RunBuild j, String token) {
        return copy(j, j.cachePaths(), token, j.sparrowdo(), j.scenario());
    }

    /** The same job with cache paths. */
    public static RunBuild withCache(RunBuild j, List<String> cachePaths) {
        return copy(j, cachePaths, j.apiToken(), j.sparrowdo(), j.scenario());
    }

    /** The same job as Sparky's sparrowdo runs it: its token, its sparrowdo options and, if sent, its scenario. */
    public static RunBuild withSparrowdo(RunBuild j, String token, Map<String, String> options, String scenario) {
        return copy(j, j.cachePaths(), token, options, scenario);
    }

    private static RunBuild copy(
            RunBuild j, List<String> cachePaths, String token, Map<String, String> sparrowdo, String scenario) {
        return new RunBuild(
                j.schemaVersion(),
                j.eventId(),
                j.buildId(),
                j.attempt(),
                j.project(),
                j.jobId(),
                j.description(),
                j.params(),
                j.env(),
                j.secrets(),
                j.script(),
                j.timeoutSeconds(),
                cachePaths,
                j.logCapBytes(),
                j.retries(),
                j.queuedAt(),
                j.dispatchedAt(),
                token,
                j.sealed(),
                sparrowdo,
                scenario);
    }
}
