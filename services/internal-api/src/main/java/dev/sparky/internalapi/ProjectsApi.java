package dev.sparky.internalapi;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.ProjectStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds by project and job id, and the projects' status. */
@Path("/internal/v1/projects")
public interface ProjectsApi {

    /** 404 when the project has no build of that job id. */
    @GET
    @Path("/{p}/jobs/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    BuildView byJob(@PathParam("p") String project, @PathParam("jobId") String jobId);

    /**
     * Every project's status, tagged ({@code ETag}). With the last tag in {@code If-None-Match}: 304 while nothing
     * changed, else, when that tag is one of the last few answered, only what changed since
     * ({@code ProjectStatusesDelta}, header {@link InternalHeaders#STATUSES_DELTA}); otherwise the whole list of
     * {@code ProjectStatus}.
     */
    @GET
    @Path("/status")
    @Produces(MediaType.APPLICATION_JSON)
    Response statuses(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch);

    /** 404 for a project the dispatcher does not know. */
    @GET
    @Path("/{p}/status")
    @Produces(MediaType.APPLICATION_JSON)
    ProjectStatus status(@PathParam("p") String project);
}
