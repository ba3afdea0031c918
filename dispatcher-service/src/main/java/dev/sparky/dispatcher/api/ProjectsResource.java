package dev.sparky.dispatcher.api;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.ProjectStatus;
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

/** Builds by project and job id, and the projects' status. */
@Path("/internal/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {
    private final StateReader state;

    ProjectsResource(StateReader state) {
        this.state = state;
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
     * Every project's status. Answered with an {@code ETag} while no project's last build is running (a running
     * build's duration changes by itself); a request with that tag in {@code If-None-Match} gets {@code 304} as
     * long as no build changed and no project folder came or went: the UI's dashboard of a thousand projects
     * then costs the dispatcher no query and no JSON.
     */
    @GET
    @Path("/status")
    public Response statuses(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String tag = state.statusesTag();
        if (tag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, tag).build();
        }
        List<ProjectStatus> statuses = state.statuses();
        Response.ResponseBuilder r = Response.ok(statuses);
        if (statuses.stream().noneMatch(s -> s.lastBuild() != null && s.lastBuild().state() == BuildState.RUNNING)) {
            r.header(HttpHeaders.ETAG, tag);
        }
        return r.build();
    }

    @GET
    @Path("/{p}/status")
    public ProjectStatus status(@PathParam("p") String project) {
        Names.requireProject(project);
        return state.status(project).orElseThrow(() -> new NotFoundException("no project " + project));
    }
}
