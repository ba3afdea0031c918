package dev.sparky.contracts.events;

import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.ParameterNames;
import dev.sparky.contracts.SchemaVersion;
import java.util.Map;

/**
 * Public record on {@code sparky.build-requests} (docs/kafka-api.md): please build this project. The job id is
 * the idempotency key: the same (project, jobId) twice makes one build. Producers without a job id get one
 * from the dispatcher (only the UI returns ids to callers, and it always sets one).
 *
 * @param source where the request came from: api, ui, cron, scm, file, kafka, downstream, job-api, rebuild
 * @param parentBuildId the build that queued this one through the job API or downstream, if any
 * @param scenario the scenario sent with the request (Sparky's {@code POST /queue}), which the build runs
 *     instead of its project's; null for every other build
 */
public record BuildRequest(
        int schemaVersion,
        String project,
        String jobId,
        String description,
        Map<String, String> params,
        String requestedBy,
        String source,
        Long parentBuildId,
        SentScenario scenario) {

    public static final int MAX_PARAMS = 200;
    public static final int MAX_VALUE_LENGTH = 64 * 1024;

    public BuildRequest {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A request that runs its project's own scenario. */
    public BuildRequest(
            int schemaVersion,
            String project,
            String jobId,
            String description,
            Map<String, String> params,
            String requestedBy,
            String source,
            Long parentBuildId) {
        this(schemaVersion, project, jobId, description, params, requestedBy, source, parentBuildId, null);
    }

    public static BuildRequest of(
            String project,
            String jobId,
            String description,
            Map<String, String> params,
            String requestedBy,
            String source) {
        return new BuildRequest(SchemaVersion.CURRENT, project, jobId, description, params, requestedBy, source, null);
    }

    /** @throws MalformedEventException naming the first field that is wrong */
    public BuildRequest validate() {
        SchemaVersion.check(schemaVersion, "build request");
        if (project == null || project.isBlank()) {
            throw new MalformedEventException("build request: field 'project' is required");
        }
        if (!Names.isValidProject(project)) {
            throw new MalformedEventException("build request: field 'project' is not a valid project name: " + project);
        }
        if (jobId != null && !Names.isValidJobId(jobId)) {
            throw new MalformedEventException("build request: field 'jobId' is not a valid job id: " + jobId);
        }
        if (params.size() > MAX_PARAMS) {
            throw new MalformedEventException("build request: more than " + MAX_PARAMS + " params");
        }
        for (var e : params.entrySet()) {
            // The same rule at every door and in the runner: a parameter never names what a shell, the linker,
            // a tool or a runtime reads at start (docs/adr/0005-build-parameter-names.md).
            var refusal = ParameterNames.refusal(e.getKey());
            if (refusal.isPresent()) {
                throw new MalformedEventException("build request: " + refusal.get());
            }
            if (e.getValue() != null && e.getValue().length() > MAX_VALUE_LENGTH) {
                throw new MalformedEventException("build request: param '" + e.getKey() + "' is longer than 64 KiB");
            }
        }
        if (scenario != null) {
            scenario.validate("build request");
        }
        return this;
    }
}
