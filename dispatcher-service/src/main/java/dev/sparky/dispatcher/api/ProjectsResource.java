package dev.sparky.dispatcher.api;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/** Builds by project and job id, and the projects' status. */
@Path("/internal/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {
    /** Set on an answer that is a {@link ProjectStatusesDelta} rather than the whole list. */
    public static final String DELTA_HEADER = "X-Statuses-Delta";

    private final StateReader state;
    private final StatusesHistory history;

    ProjectsResource(StateReader state, StatusesHistory history) {
        this.state = state;
        this.history = history;
    }

    @GET
    @Path("/{p}/jobs/{jobId}")
    public BuildView byJob(@PathParam("p") String project, @PathParam("jobId") String jobId) {
        Names.requireProject(project);
        Names.requireJobId(jobId);
        return state.build(project, jobId)
                .orElseThrow(() -> new NotFoundException("no build with job id " + jobId + " in project " + project));
    }

    /**
     * Every project's status, tagged ({@code ETag}). A request with a tag in {@code If-None-Match} gets
     * {@code 304} while no build changed and no project folder came or went, and otherwise, if that tag is one of
     * the last few answered, only what changed since ({@link ProjectStatusesDelta}, header
     * {@value #DELTA_HEADER}): the UI's dashboard of a thousand projects then costs a query and a few entries of
     * JSON. A running build's duration in an answer is as of its making; whoever keeps a list brings it up to
     * date ({@code BuildView.durationAt}).
     */
    @GET
    @Path("/status")
    public Response statuses(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String tag = state.statusesTag();
        if (tag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, tag).build();
        }
        List<ProjectStatus> statuses = state.statuses();
        history.remember(tag, statuses);
        Optional<ProjectStatusesDelta> delta = history.since(ifNoneMatch, statuses);
        return (delta.isPresent() ? Response.ok(delta.get()).header(DELTA_HEADER, "true") : Response.ok(statuses))
                .header(HttpHeaders.ETAG, tag).build();
    }

    @GET
    @Path("/{p}/status")
    public ProjectStatus status(@PathParam("p") String project) {
        Names.requireProject(project);
        return state.status(project).orElseThrow(() -> new NotFoundException("no project " + project));
    }
}
