package dev.sparky.project;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A project's {@code sparky.yaml}, read and checked (SPEC section 4). Defaults are filled in, so callers
 * never test for missing keys.
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
        List<String> jobApiProjects) {

    public static final String DEFAULT_SCRIPT = "job.sh";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    /** The definition of a project whose folder has no {@code sparky.yaml}: every default. */
    public static ProjectDefinition defaults() {
        return new ProjectDefinition(false, false, null, null, null, List.of(), DownstreamOn.SUCCESS, List.of(),
                List.of(), Map.of(), DEFAULT_SCRIPT, DEFAULT_TIMEOUT, 1, 1, Map.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    /**
     * Whether a build of this project may act through the job API on {@code target}: its own project always,
     * another only when {@code job_api: {projects: [...]}} names it.
     */
    public boolean jobApiMayUse(String ownName, String target) {
        return ownName.equals(target) || jobApiProjects.contains(target);
    }

    /** {@code scm: {url, branch}}; a null branch means the remote's HEAD. */
    public record ScmSpec(String url, String branch) {
    }

    /** When downstream projects are queued. */
    public enum DownstreamOn {
        SUCCESS,
        ANY
    }

    /** A post-build webhook. */
    public record NotifyHook(String url, NotifyOn on) {
    }

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
    public record VarSpec(String name, String type, String defaultValue, List<String> values, boolean multiple,
            List<String> groups) {
    }
}
