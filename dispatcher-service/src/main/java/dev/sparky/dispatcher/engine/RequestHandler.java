package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.ParameterNames;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.dispatcher.store.BuildRepository;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.NewBuild;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.project.ProjectIssue;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

    private final BuildRepository repo;
    private final ProjectCatalog catalog;
    private final Effects fx;
    private final Transitions transitions;
    private final EngineMetrics metrics;
    private final SecretParams secrets;

    RequestHandler(BuildRepository repo, ProjectCatalog catalog, Effects fx, Transitions transitions,
            EngineMetrics metrics, SecretParams secrets) {
        this.secrets = secrets;
        this.repo = repo;
        this.catalog = catalog;
        this.fx = fx;
        this.transitions = transitions;
        this.metrics = metrics;
    }

    void accept(Inbound record) {
        BuildRequest request;
        try {
            request = Json.read(record.value(), BuildRequest.class).validate();
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        Optional<Project> project = catalog.find(request.project());
        if (project.isEmpty()) {
            deadLetter(record, "unknown project '" + request.project() + "': there is no folder projects/"
                    + request.project() + " under the Sparky home");
        } else if (project.get().definition().disabled()) {
            deadLetter(record, "project '" + request.project() + "' is disabled (disabled: true in projects/"
                    + request.project() + "/sparky.yaml)");
        } else {
            // A parameter never overrides what the project sets itself (the reserved names were refused by
            // validate); the runner applies the project's env after the parameters in any case.
            Optional<String> overlap = ParameterNames.projectOverlap(request.params().keySet(),
                    project.get().definition().env(), project.get().definition().secrets());
            if (overlap.isPresent()) {
                deadLetter(record, "build request: " + overlap.get());
            } else {
                record(request, project.get(), record);
            }
        }
    }

    /** Dead-letters a record the engine could not apply at all (a bug, not bad input). */
    void deadLetter(Inbound record, String reason) {
        LOG.warnf("build request refused (%s-%d@%d): %s", record.topic(), record.partition(), record.offset(),
                reason);
        fx.deadLetter(record.key(), record.value(), reason);
        metrics.deadLetter();
    }

    private void record(BuildRequest request, Project project, Inbound record) {
        String jobId = request.jobId() != null ? request.jobId() : JobIds.forRecord(record);
        Map<String, String> params = ParamsMerge.merge(project.definition(), request.params());
        String errors = project.buildable() ? null
                : project.errors().stream().map(ProjectIssue::toString).collect(Collectors.joining("; "));
        NewBuild nb = new NewBuild(project.name(), jobId, request.description(),
                SecretParams.masked(project.definition(), params), request.requestedBy(),
                request.source(), request.parentBuildId(), BuildState.QUEUED, null, fx.now(), null,
                project.definition().pool());
        OptionalLong id = repo.insertBuild(nb);
        if (id.isEmpty()) {
            metrics.duplicateRequest();
            LOG.infof("duplicate request for %s job %s dropped", project.name(), jobId);
            return;
        }
        secrets.hold(id.getAsLong(), project.definition(), params);
        BuildRow b = repo.build(id.getAsLong()).orElseThrow();
        fx.syslog(b.id(), "queued by " + orElse(request.requestedBy(), "anonymous") + " via "
                + orElse(request.source(), "kafka") + ": " + orElse(request.description(), "(no description)"));
        fx.buildEvent(b, BuildState.QUEUED, null, null, null);
        if (errors != null) {
            fx.syslog(b.id(), "the project definition has errors: " + errors);
            transitions.finish(b, BuildState.FAILED, errors, null);
        }
    }

    private static String orElse(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
