package dev.sparky.project;

import dev.sparky.contracts.RunnerPools;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A project's {@code sparky.yaml}, read and checked. Defaults are filled in, so callers never test for
 * missing keys.
 *
 * @param script the scenario's file name in the project folder: {@code script:}, else {@code job.sh}, else (no
 *     job.sh but a {@code sparrowfile}) {@code sparrowfile}
 * @param sparrowdo the flags of the {@code sparrowdo} command that runs a {@code sparrowfile}, by option name
 *     ({@code repo}, {@code conf}, {@code no_index_update}, {@code verbose}, {@code debug}), from the
 *     {@code sparrowdo:} section; ignored for any other script
 * @param jobApiProjects the other projects a build may start and read through the job API
 *     ({@code job_api: {projects: [...]}})
 * @param pool the runner pool whose runners take the builds ({@code pool:}; {@code default} when absent)
 */
public record ProjectDefinition(
        boolean allowManualRun,
        boolean disabled,
        Integer keepBuilds,
        String crontab,
        ScmSpec scm,
        List<String> downstream,
        DownstreamOn downstreamOn,
        List<VarSpec> vars,
        List<String> groupVars,
        Map<String, String> tags,
        String script,
        Duration timeout,
        int concurrency,
        int retries,
        Map<String, String> env,
        List<String> secrets,
        List<NotifyHook> notifyHooks,
        List<String> cache,
        List<String> jobApiProjects,
        Map<String, String> sparrowdo,
        String pool) {

    public static final String DEFAULT_SCRIPT = "job.sh";
    /** Sparky's scenario file: run with {@code sparrowdo}, not as a program. */
    public static final String SPARROWFILE = "sparrowfile";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    /** The definition of a project whose folder has no {@code sparky.yaml}: every default. */
    public static ProjectDefinition defaults() {
        return new ProjectDefinition(
                false,
                false,
                null,
                null,
                null,
                List.of(),
                DownstreamOn.SUCCESS,
                List.of(),
                List.of(),
                Map.of(),
                DEFAULT_SCRIPT,
                DEFAULT_TIMEOUT,
                1,
                1,
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                RunnerPools.DEFAULT);
    }

    /**
     * The definition a build with a sent scenario runs under (Sparky's {@code POST /queue}): the sparrowfile it
     * was sent, with the given sparrowdo flags, and every other key at its default. Nothing comes from the
     * project folder, which need not exist: not its env, secrets or scenario.
     *
     * @param pool the runner pool of the build that sent it: sent code runs where its sender's code runs, so a
     *     project on an untrusted pool cannot get code onto another pool's runners by sending it
     */
    public static ProjectDefinition forSentScenario(Map<String, String> sparrowdoFlags, String pool) {
        return defaults().running(SPARROWFILE, sparrowdoFlags, pool);
    }

    public ProjectDefinition {
        jobApiProjects = jobApiProjects == null ? List.of() : List.copyOf(jobApiProjects);
        sparrowdo = sparrowdo == null ? Map.of() : Map.copyOf(sparrowdo);
        pool = RunnerPools.orDefault(pool);
    }

    /**
     * Whether a build of this project may act through the job API on {@code target}: its own project always,
     * another only when {@code job_api: {projects: [...]}} names it.
     */
    public boolean jobApiMayUse(String ownName, String target) {
        return ownName.equals(target) || jobApiProjects.contains(target);
    }

    /** Whether the scenario is a Sparky {@code sparrowfile}, run by {@code sparrowdo} on the runner. */
    public boolean runsWithSparrowdo() {
        return SPARROWFILE.equals(script);
    }

    /** The same definition with another scenario file. */
    public ProjectDefinition withScript(String name) {
        return running(name, sparrowdo, pool);
    }

    /** The same definition running another scenario, with these sparrowdo flags, on this pool. */
    private ProjectDefinition running(String scenario, Map<String, String> sparrowdoFlags, String runnerPool) {
        return new ProjectDefinition(
                allowManualRun,
                disabled,
                keepBuilds,
                crontab,
                scm,
                downstream,
                downstreamOn,
                vars,
                groupVars,
                tags,
                scenario,
                timeout,
                concurrency,
                retries,
                env,
                secrets,
                notifyHooks,
                cache,
                jobApiProjects,
                sparrowdoFlags,
                runnerPool);
    }

    /** {@code scm: {url, branch}}; a null branch means the remote's HEAD. */
    public record ScmSpec(String url, String branch) {}

    /** When downstream projects are queued. */
    public enum DownstreamOn {
        SUCCESS,
        ANY
    }

    /** A post-build webhook. */
    public record NotifyHook(String url, NotifyOn on) {}

    /** Which build outcomes a hook fires on. */
    public enum NotifyOn {
        SUCCESS,
        FAILURE,
        ANY
    }

    /**
     * A field of the parameter form.
     *
     * @param type input, password, textarea, select or checkbox
     * @param values the choices of a select
     */
    public record VarSpec(
            String name,
            String type,
            String defaultValue,
            List<String> values,
            boolean multiple,
            List<String> groups) {}
}
