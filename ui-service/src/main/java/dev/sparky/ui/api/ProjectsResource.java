package dev.sparky.ui.api;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.Problem;
import dev.sparky.contracts.api.TriggerAccepted;
import dev.sparky.contracts.api.TriggerRequest;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.trigger.JobLookup;
import dev.sparky.ui.trigger.TriggerService;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Projects, their builds, and triggering ({@code /api/v1/projects}). */
@Path("/api/v1/projects")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "projects")
@PermissionsAllowed(AccessChecks.READ)
public class ProjectsResource {

    private final ProjectCatalog catalog;
    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final Access access;

    public ProjectsResource(
            ProjectCatalog catalog, TriggerService triggers, DispatcherClient dispatcher, Access access) {
        this.catalog = catalog;
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @GET
    @Operation(summary = "Every project, sorted by name, with its issues and build counters")
    public List<ProjectView> list() {
        var readable = access.readable();
        return ProjectViews.list(catalog.list(), dispatcher.projectStatuses()).stream()
                .filter(p -> readable.test(p.name()))
                .toList();
    }

    @GET
    @Path("/{p}")
    @Operation(summary = "One project with its parameter form and sparky.yaml text")
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public ProjectDetailView one(@PathParam("p") String project) {
        Names.requireProject(project);
        Project definition = triggers.requireProject(project);
        return ProjectViews.detail(definition, dispatcher.projectStatus(project));
    }

    @GET
    @Path("/{p}/builds")
    @Operation(summary = "The project's builds, newest first; pass 'next' as 'before' for the following page")
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public Page<BuildView> builds(
            @PathParam("p") String project, @QueryParam("before") Long before, @QueryParam("limit") Integer limit) {
        Names.requireProject(project);
        return dispatcher.builds(BuildQuery.ofProject(project, before, Paging.limit(limit)));
    }

    @POST
    @Path("/{p}/builds")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a build (202 once Kafka acknowledged); jobId is an optional idempotency key")
    @PermissionsAllowed(AccessChecks.RUN_PROJECT)
    public Response trigger(@PathParam("p") String project, TriggerRequest request) {
        Names.requireProject(project);
        TriggerRequest r = request == null ? new TriggerRequest(null, null, null) : request;
        TriggerAccepted accepted = triggers.trigger(project, r, "api", access.requestedBy());
        return Response.accepted(accepted)
                .location(URI.create(accepted.buildUrl()))
                .build();
    }

    @GET
    @Path("/{p}/jobs/{jobId}")
    @Operation(summary = "A build by project and job id")
    @PermissionsAllowed(AccessChecks.READ_PROJECT)
    public BuildView job(@PathParam("p") String project, @PathParam("jobId") String jobId) {
        Names.requireProject(project);
        Names.requireJobId(jobId);
        JobLookup found = JobLookup.find(dispatcher, triggers, project, jobId);
        return found.build()
                .orElseThrow(() -> RequestRefusedException.notFound(
                        found.waitingInKafka()
                                ? "build " + project + "/" + jobId
                                        + " was accepted and waits in Kafka for the dispatcher; ask again shortly"
                                : "unknown build " + project + "/" + jobId));
    }
}
