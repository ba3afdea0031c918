package dev.sparky.ui.trigger;

import dev.sparky.contracts.InvalidNameException;
import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.ParameterNames;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.TriggerAccepted;
import dev.sparky.contracts.api.TriggerRequest;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.kafka.PublishFailedException;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.project.ProjectIssue;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.error.RequestRefusedException.Kind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Accepts triggers, rebuilds and cancels. Names are checked before any disk or network access; a build
 * request is accepted only once Kafka acknowledged it, and only then is its job id returned.
 */
public final class TriggerService {
    static final int MAX_DESCRIPTION = 2000;
    static final String MASK = "*****";

    private final ProjectCatalog catalog;
    private final RequestPublisher publisher;
    private final JobIds jobIds;
    private final RecentTriggers recent;
    private final TriggerCounter counter;

    public TriggerService(
            ProjectCatalog catalog,
            RequestPublisher publisher,
            JobIds jobIds,
            RecentTriggers recent,
            TriggerCounter counter) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.jobIds = jobIds;
        this.recent = recent;
        this.counter = counter;
    }

    /** @throws RequestRefusedException 400 for a bad name, 404 when the project folder does not exist */
    public Project requireProject(String name) {
        Names.requireProject(name);
        return catalog.find(name)
                .orElseThrow(() -> RequestRefusedException.notFound(
                        "project '" + name + "' not found: no folder projects/" + name));
    }

    /** As {@link #requireProject}, and 409 when sparky.yaml has errors or says {@code disabled: true}. */
    public Project requireBuildable(String name) {
        Project project = requireProject(name);
        if (!project.buildable()) {
            throw RequestRefusedException.conflict("project " + name + " cannot be built until its errors are fixed: "
                    + project.errors().stream().map(TriggerService::issueText).collect(Collectors.joining("; ")));
        }
        if (project.definition().disabled()) {
            throw RequestRefusedException.conflict("project " + name + " is disabled (sparky.yaml: disabled: true)");
        }
        return project;
    }

    /** Queues a build; the job id is the caller's (an idempotency key) or a new one. */
    public TriggerAccepted trigger(String project, TriggerRequest request, String source, String requestedBy) {
        return trigger(project, request, source, requestedBy, null);
    }

    /**
     * Queues a child build from inside a running build (job API): source "job-api", requested by
     * "&lt;project&gt;@&lt;buildId&gt;" of the parent, which is recorded as the child's parent build.
     */
    public TriggerAccepted triggerChild(
            String project, TriggerRequest request, String parentProject, long parentBuildId) {
        return trigger(project, request, "job-api", parentProject + "@" + parentBuildId, parentBuildId);
    }

    /**
     * Queues a child build that runs the scenario it is sent with (Sparky's {@code POST /queue}, docs/job-api.md):
     * its project need not exist as a folder; one that exists must not be disabled. The job id was checked by the
     * job API.
     */
    public TriggerAccepted triggerSent(
            String project, TriggerRequest request, SentScenario scenario, String parentProject, long parentBuildId) {
        return counted(SentScenario.SOURCE, () -> {
            Names.requireProject(project);
            Names.requireJobId(request.jobId());
            catalog.find(project)
                    .filter(p -> p.buildable() && p.definition().disabled())
                    .ifPresent(p -> {
                        throw RequestRefusedException.conflict(
                                "project " + project + " is disabled (sparky.yaml: disabled: " + "true)");
                    });
            Map<String, String> params = params(request.params());
            refuseReserved(params);
            String description = description(request.description(), "spawned job");
            return send(new BuildRequest(
                    SchemaVersion.CURRENT,
                    project,
                    request.jobId(),
                    description,
                    params,
                    parentProject + "@" + parentBuildId,
                    SentScenario.SOURCE,
                    parentBuildId,
                    scenario));
        });
    }

    private TriggerAccepted trigger(
            String project, TriggerRequest request, String source, String requestedBy, Long parentBuildId) {
        return counted(source, () -> {
            Names.requireProject(project);
            // A child's id was checked by the job API, which knows its parent's job id (JobIdPrefixes).
            String jobId = request.jobId() == null || request.jobId().isBlank()
                    ? jobIds.newJobId()
                    : parentBuildId == null
                            ? JobIdPrefixes.requireCallerJobId(request.jobId())
                            : Names.requireJobId(request.jobId());
            String description = description(request.description(), "triggered by " + requestedBy + " via " + source);
            Map<String, String> params = params(request.params());
            refuseReserved(params);
            Project definition = requireBuildable(project);
            refuseProjectNames(definition, params);
            BuildRequest built = new BuildRequest(
                    SchemaVersion.CURRENT, project, jobId, description, params, requestedBy, source, parentBuildId);
            return send(built);
        });
    }

    /** Queues the build again with the same parameters under the job id {@code <key>.<6 letters>}. */
    public TriggerAccepted rebuild(BuildView original, String requestedBy) {
        return counted("rebuild", () -> {
            Project project = requireBuildable(original.project());
            String jobId = jobIds.rebuildOf(original.jobId());
            String description =
                    "rebuild of " + original.project() + " build " + original.id() + " (job " + original.jobId() + ")";
            Map<String, String> params = withoutMasked(project, original.params());
            // A build queued before the rule existed may hold a name it now refuses: say so, do not pass it on.
            refuseReserved(params);
            return send(BuildRequest.of(original.project(), jobId, description, params, requestedBy, "rebuild"));
        });
    }

    /**
     * Asks the dispatcher to cancel. The project folder is not required: a deleted project's builds must
     * still be cancellable, and a build just accepted may not be known to the dispatcher yet.
     */
    public void cancel(String project, String jobId, String requestedBy) {
        Names.requireProject(project);
        Names.requireJobId(jobId);
        try {
            publisher.publish(CancelBuild.of(project, jobId, requestedBy));
        } catch (PublishFailedException e) {
            throw unavailable("the cancel request", e);
        }
    }

    public boolean recentlyAccepted(String project, String jobId) {
        return recent.wasAccepted(project, jobId);
    }

    /** Called when the dispatcher answered for the build: a later 404 (purged by keep_builds) is then the truth. */
    public void seenByDispatcher(String project, String jobId) {
        recent.forget(project, jobId);
    }

    private TriggerAccepted send(BuildRequest request) {
        try {
            request.validate();
        } catch (MalformedEventException e) {
            throw RequestRefusedException.invalid(e.getMessage());
        }
        try {
            publisher.publish(request);
        } catch (PublishFailedException e) {
            throw unavailable("the build request", e);
        }
        recent.remember(request.project(), request.jobId());
        String p = request.project();
        String j = request.jobId();
        return new TriggerAccepted(p, j, "/status/" + p + "/" + j, "/api/v1/projects/" + p + "/jobs/" + j);
    }

    private TriggerAccepted counted(String source, Supplier<TriggerAccepted> work) {
        try {
            TriggerAccepted accepted = work.get();
            counter.count(source, "accepted");
            return accepted;
        } catch (InvalidNameException e) {
            counter.count(source, "invalid");
            throw e;
        } catch (RequestRefusedException e) {
            counter.count(source, e.kind().name().toLowerCase(Locale.ROOT));
            throw e;
        }
    }

    /**
     * A parameter becomes an environment variable of the build's script: none may be a name a shell, the linker,
     * a tool or a runtime reads at start, nor one of Sparky's own (docs/adr/0005-build-parameter-names.md).
     */
    static void refuseReserved(Map<String, String> params) {
        ParameterNames.firstRefusal(params.keySet()).ifPresent(r -> {
            throw RequestRefusedException.invalid(r);
        });
    }

    /** Nor may a parameter override what the project itself sets in sparky.yaml ({@code env:}, {@code secrets:}). */
    static void refuseProjectNames(Project project, Map<String, String> params) {
        ParameterNames.projectOverlap(
                        params.keySet(),
                        project.definition().env(),
                        project.definition().secrets())
                .ifPresent(r -> {
                    throw RequestRefusedException.invalid(r);
                });
    }

    /** JSON may carry {@code "k": null}; the record's immutable copy refuses nulls, so they become empty. */
    private static Map<String, String> params(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((k, v) -> out.put(k, v == null ? "" : v));
        }
        return out;
    }

    private static String description(String given, String fallback) {
        if (given == null || given.isBlank()) {
            return fallback;
        }
        if (given.length() > MAX_DESCRIPTION) {
            throw RequestRefusedException.invalid("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        return given;
    }

    private static RequestRefusedException unavailable(String what, PublishFailedException e) {
        return new RequestRefusedException(
                Kind.UNAVAILABLE,
                "Kafka did not acknowledge " + what + " (" + e.getMessage() + "); nothing was queued, try again",
                e);
    }

    /**
     * The dispatcher stores password parameters as "*****" (docs/security.md): a rebuild leaves them out, so
     * the var's default applies instead of the mask.
     */
    static Map<String, String> withoutMasked(Project project, Map<String, String> params) {
        var passwords = project.definition().vars().stream()
                .filter(v -> "password".equals(v.type()))
                .map(v -> v.name())
                .collect(Collectors.toSet());
        Map<String, String> out = new LinkedHashMap<>(params);
        out.entrySet().removeIf(e -> passwords.contains(e.getKey()) && MASK.equals(e.getValue()));
        return out;
    }

    static String issueText(ProjectIssue i) {
        return i.file() + ":" + i.line() + ": " + i.message();
    }
}
