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
 * The JSON stash of a build: any JSON value up to 1 MiB, {@code {}} until one is put; by build id, or by project
 * and job id also before the build is queued (Sparky's job API client writes a child's stash and then queues it).
 * Who may write which stash is decided by the UI (the job token's scope). An unknown build is 404; a body that is
 * not JSON 400; one over 1 MiB 413.
 */
@Path("/internal/v1")
public interface StashApi {

    @GET
    @Path("/builds/{id}/stash")
    @Produces(MediaType.APPLICATION_JSON)
    byte[] stash(@PathParam("id") long id);

    /** @param json read up to the limit only, so an oversized body costs no memory */
    @PUT
    @Path("/builds/{id}/stash")
    @Consumes(MediaType.APPLICATION_JSON)
    void putStash(@PathParam("id") long id, InputStream json);

    /** The stash of {@code project/jobId}, of a build not queued yet too; {@code {}} when none. */
    @GET
    @Path("/jobs/{project}/{jobId}/stash")
    @Produces(MediaType.APPLICATION_JSON)
    byte[] jobStash(@PathParam("project") String project, @PathParam("jobId") String jobId);

    /** Kept for the build until it is queued when it is not yet. */
    @PUT
    @Path("/jobs/{project}/{jobId}/stash")
    @Consumes(MediaType.APPLICATION_JSON)
    void putJobStash(@PathParam("project") String project, @PathParam("jobId") String jobId, InputStream json);
}
