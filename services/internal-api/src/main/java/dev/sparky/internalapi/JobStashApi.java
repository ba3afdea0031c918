package dev.sparky.internalapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * The stash of a build by project and job id, also before the build is queued: Sparky's job API client writes a
 * child's stash and then queues it. The same rules as {@link StashApi}; invalid names are 400.
 */
@Path("/internal/v1/jobs/{project}/{jobId}/stash")
public interface JobStashApi {

    /** {@code {}} when none was put. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    byte[] get(@PathParam("project") String project, @PathParam("jobId") String jobId);

    /** Kept for the build until it is queued when it is not yet. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    void put(@PathParam("project") String project, @PathParam("jobId") String jobId, InputStream json);
}
