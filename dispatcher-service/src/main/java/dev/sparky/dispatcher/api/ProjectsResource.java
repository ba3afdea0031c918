package dev.sparky.dispatcher.api;

import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.ProjectStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

    @GET
    @Path("/status")
    public List<ProjectStatus> statuses() {
        return state.statuses();
    }

    @GET
    @Path("/{p}/status")
    public ProjectStatus status(@PathParam("p") String project) {
        Names.requireProject(project);
        return state.status(project).orElseThrow(() -> new NotFoundException("no project " + project));
    }
}
