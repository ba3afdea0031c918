package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.ParameterNames;
import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.BuildFiles;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.NewBuild;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.project.ProjectDefinition;
import dev.sparky.project.ProjectIssue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns a build request into a queued build, or refuses it: invalid records (a parameter name the rule in
 * {@link ParameterNames} refuses among them), unknown and disabled projects, and parameters that would override
 * the project's own env or secrets go to the dead-letter topic with the reason; a project whose sparky.yaml has errors gets a build that
 * fails at once, so the person who asked sees why.
 */
final class RequestHandler {
    private static final Logger LOG = Logger.getLogger(RequestHandler.class);

    private final BuildAttemptRepository repo;
    private final ProjectCatalog catalog;
    private final Effects fx;
    private final Transitions transitions;
    private final EngineMetrics metrics;
    private final SecretParams secrets;
    private final BuildFiles files;

    RequestHandler(
            BuildAttemptRepository repo,
            ProjectCatalog catalog,
            Effects fx,
            Transitions transitions,
            EngineMetrics metrics,
            SecretParams secrets,
            BuildFiles files) {
        this.secrets = secrets;
        this.files = files;
        this.repo = repo;
        this.catalog = catalog;
        this.fx = fx;
        this.transitions = transitions;
        this.metrics = metrics;
    }

    /**
     * @param fromUi the record came on {@code sparky.build-commands}, which only the ui-service may write: only
     *     then may it carry a scenario (code to run), never from the public {@code sparky.build-requests}
     */
    void accept(Inbound record, boolean fromUi) {
        BuildRequest request;
        try {
            request = Json.read(record.value(), BuildRequest.class).validate();
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (request.scenario() != null && !fromUi) {
            deadLetter(
                    record,
                    "build request: field 'scenario' is accepted only from the ui-service (Sparky::JobApi's"
                            + " POST /queue), never on " + record.topic()
                            + ": leave it out to build the project's own scenario");
            return;
        }
        Optional<Project> project = catalog.find(request.project());
        if (request.scenario() != null) {
            acceptSent(request, project, record);
        } else if (project.isEmpty()) {
            deadLetter(
                    record,
                    "unknown project '" + request.project() + "': there is no folder projects/" + request.project()
                            + " under the Sparky home");
        } else if (project.get().definition().disabled()) {
            deadLetter(
                    record,
                    "project '" + request.project() + "' is disabled (disabled: true in projects/" + request.project()
                            + "/sparky.yaml)");
        } else {
            // A parameter never overrides what the project sets itself (the reserved names were refused by
            // validate); the runner applies the project's env after the parameters in any case.
            Optional<String> overlap = ParameterNames.projectOverlap(
                    request.params().keySet(),
                    project.get().definition().env(),
                    project.get().definition().secrets());
            if (overlap.isPresent()) {
                deadLetter(record, "build request: " + overlap.get());
            } else {
                record(request, project.get(), record);
            }
        }
    }

    /**
     * A build sent with its scenario (Sparky's {@code POST /queue}) needs no project folder, and takes nothing from
     * one that exists (no env, secrets or scenario): only a disabled project refuses it.
     */
    private void acceptSent(BuildRequest request, Optional<Project> folder, Inbound record) {
        if (folder.isPresent()
                && folder.get().buildable()
                && folder.get().definition().disabled()) {
            deadLetter(
                    record,
                    "project '" + request.project() + "' is disabled (disabled: true in projects/" + request.project()
                            + "/sparky.yaml)");
            return;
        }
        Map<String, String> flags = new TreeMap<>(inheritedFlags(request.parentBuildId()));
        flags.putAll(request.scenario().sparrowdo()); // the child's own flags win, "false" included
        flags.values().removeIf("false"::equals);
        BuildRequest sent = new BuildRequest(
                request.schemaVersion(),
                request.project(),
                request.jobId(),
                request.description(),
                request.params(),
                request.requestedBy(),
                request.source(),
                request.parentBuildId(),
                new SentScenario(request.scenario().sparrowfile(), flags));
        ProjectDefinition def = ProjectDefinition.forSentScenario(flags, senderPool(request.parentBuildId()));
        Path dir = folder.map(Project::dir).orElse(Path.of(request.project()));
        record(sent, new Project(request.project(), dir, def, List.of(), ""), record);
    }

    /** The pool the sending build ran on (recorded when it was handed out); the default pool without a sender. */
    private String senderPool(Long parentBuildId) {
        return parentBuildId == null
                ? RunnerPools.DEFAULT
                : repo.build(parentBuildId).map(BuildRow::pool).orElse(RunnerPools.DEFAULT);
    }

    /**
     * The sparrowdo flags a sent scenario inherits from the build that sent it, as Sparky's child inherits its
     * parent's trigger: a parent's project's {@code sparrowdo: {no_index_update: true}} holds for its children.
     */
    private Map<String, String> inheritedFlags(Long parentBuildId) {
        if (parentBuildId == null) {
            return Map.of();
        }
        Optional<BuildRow> parent = repo.build(parentBuildId);
        if (parent.isEmpty()) {
            return Map.of();
        }
        Map<String, String> options;
        if (SentScenario.SOURCE.equals(parent.get().source())) {
            try {
                options = files.scenarios()
                        .get(parentBuildId)
                        .map(json -> Json.read(json, SentScenario.class).sparrowdo())
                        .orElse(Map.of());
            } catch (IOException | RuntimeException e) {
                options = Map.of();
            }
        } else {
            options = catalog.find(parent.get().project())
                    .map(p -> p.definition().sparrowdo())
                    .orElse(Map.of());
        }
        Map<String, String> flags = new TreeMap<>();
        options.forEach((k, v) -> {
            if (SentScenario.FLAGS.contains(k) && "true".equals(v)) {
                flags.put(k, v);
            }
        });
        return flags;
    }

    /** Dead-letters a record the engine could not apply at all (a bug, not bad input). */
    void deadLetter(Inbound record, String reason) {
        LOG.warnf("build request refused (%s-%d@%d): %s", record.topic(), record.partition(), record.offset(), reason);
        fx.deadLetter(record.key(), record.value(), reason);
        metrics.deadLetter();
    }

    private void record(BuildRequest request, Project project, Inbound record) {
        String jobId = request.jobId() != null ? request.jobId() : JobIds.forRecord(record);
        Map<String, String> params = ParamsMerge.merge(project.definition(), request.params());
        String errors = project.buildable()
                ? null
                : project.errors().stream().map(ProjectIssue::toString).collect(Collectors.joining("; "));
        NewBuild nb = new NewBuild(
                project.name(),
                jobId,
                request.description(),
                SecretParams.masked(project.definition(), params),
                request.requestedBy(),
                request.source(),
                request.parentBuildId(),
                BuildState.QUEUED,
                null,
                fx.now(),
                null,
                project.definition().pool());
        OptionalLong id = repo.insertBuild(nb);
        if (id.isEmpty()) {
            metrics.duplicateRequest();
            LOG.infof("duplicate request for %s job %s dropped", project.name(), jobId);
            return;
        }
        secrets.hold(id.getAsLong(), project.definition(), params);
        BuildRow b = repo.build(id.getAsLong()).orElseThrow();
        String lost = keepFiles(request, b);
        fx.syslog(
                b.id(),
                "queued by " + orElse(request.requestedBy(), "anonymous") + " via " + orElse(request.source(), "kafka")
                        + ": " + orElse(request.description(), "(no description)"));
        fx.buildEvent(b, BuildState.QUEUED, null, null, null);
        if (errors != null) {
            fx.syslog(b.id(), "the project definition has errors: " + errors);
            transitions.finish(b, BuildState.FAILED, errors, null);
        } else if (lost != null) {
            fx.syslog(b.id(), lost);
            transitions.finish(b, BuildState.FAILED, lost, null);
        }
    }

    /**
     * Stores the scenario the build was sent with, and makes a stash written for it before it was queued its
     * own (Sparky's client writes a child's stash, then queues it).
     *
     * @return why the build cannot run when its scenario could not be stored, else null
     */
    private String keepFiles(BuildRequest request, BuildRow b) {
        long buildId = b.id();
        try {
            files.stash().adoptPending(b.project(), b.jobId(), buildId);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot move the stash written before build %d was queued: %s", buildId, e);
        }
        if (request.scenario() == null) {
            return null;
        }
        try {
            files.scenarios().put(buildId, Json.write(request.scenario()));
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.errorf("cannot store the scenario of build %d: %s", buildId, e);
            return "the scenario sent with the build could not be stored by the dispatcher (" + e.getMessage() + ")";
        }
    }

    private static String orElse(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
