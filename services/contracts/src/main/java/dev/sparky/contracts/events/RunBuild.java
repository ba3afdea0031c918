package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Command on {@code sparky.jobs}, the runners' share-group queue: run this attempt of this build. It carries
 * everything the runner needs, resolved by the dispatcher when it handed the build out, so a runner never
 * reads the database. Key: build id.
 *
 * @param params the merged parameters (tags, vars defaults, request), given to the script as variables
 * @param env the project's {@code env} map
 * @param secrets names of variables the runner copies from its own environment and masks in the log
 * @param script file name of the scenario inside the project folder
 * @param retries how many times the build may start again after a lost runner
 * @param logCapBytes the log is cut with a marker beyond this size
 * @param apiToken the build's job API token ({@code SPARKY_API_TOKEN}), valid only while this attempt runs;
 *     the dispatcher keeps only its hash. On the wire it is always null: it travels in {@code sealed}
 * @param sealed the job's secrets (the API token and the values of password parameters), sealed by
 *     {@link JobSeal} for this build and attempt; the runner opens it. Null when the job has no secret
 * @param sparrowdo set when {@code script} is a Sparky {@code sparrowfile}: the runner runs it with
 *     {@code sparrowdo}, with these flags by option name ({@code repo}, {@code conf}, {@code no_index_update},
 *     {@code verbose}, {@code debug}); null for a script run as a program (and in records written before)
 * @param scenario the text of a sent scenario ({@link SentScenario}), run as the {@code sparrowfile} in place of
 *     the project folder's files; null when the build runs its project's own scenario
 */
public record RunBuild(
        int schemaVersion,
        String eventId,
        long buildId,
        int attempt,
        String project,
        String jobId,
        String description,
        Map<String, String> params,
        Map<String, String> env,
        List<String> secrets,
        String script,
        long timeoutSeconds,
        List<String> cachePaths,
        long logCapBytes,
        int retries,
        Instant queuedAt,
        Instant dispatchedAt,
        String apiToken,
        String sealed,
        Map<String, String> sparrowdo,
        String scenario) {

    /** The same job with other parameters, token and sealed secrets (used by sealing and opening). */
    public RunBuild withSecrets(Map<String, String> newParams, String newApiToken, String newSealed) {
        return new RunBuild(
                schemaVersion,
                eventId,
                buildId,
                attempt,
                project,
                jobId,
                description,
                newParams,
                env,
                secrets,
                script,
                timeoutSeconds,
                cachePaths,
                logCapBytes,
                retries,
                queuedAt,
                dispatchedAt,
                newApiToken,
                newSealed,
                sparrowdo,
                scenario);
    }

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "RunBuild[buildId=" + buildId + ", attempt=" + attempt + ", project=" + project + ", jobId=" + jobId
                + "]";
    }

    public RunBuild {
        params = params == null ? Map.of() : Map.copyOf(params);
        env = env == null ? Map.of() : Map.copyOf(env);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        cachePaths = cachePaths == null ? List.of() : List.copyOf(cachePaths);
        sparrowdo = sparrowdo == null ? null : Map.copyOf(sparrowdo);
    }

    /** Whether the runner runs {@code script} with {@code sparrowdo}. */
    public boolean runsWithSparrowdo() {
        return sparrowdo != null;
    }

    public RunBuild validate() {
        SchemaVersion.check(schemaVersion, "run-build command");
        return this;
    }
}
