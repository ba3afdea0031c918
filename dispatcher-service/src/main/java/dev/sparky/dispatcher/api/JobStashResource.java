package dev.sparky.dispatcher.api;

import dev.sparky.contracts.Names;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.StashStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The stash of a build by project and job id, also before the build is queued: Sparky's job API client writes a
 * child's stash and then queues it. Such a stash waits as a pending file until the engine records the build and
 * makes it the build's own; one never queued is removed at the next start after an hour. Who may write which
 * build's stash is decided by the ui-service (the job token's scope).
 */
@Path("/internal/v1/jobs/{project}/{jobId}/stash")
public class JobStashResource {
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private final BuildQueries queries;
    private final StashStore stash;

    JobStashResource(BuildQueries queries, StashStore stash) {
        this.queries = queries;
        this.stash = stash;
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("project") String project, @PathParam("jobId") String jobId, InputStream body)
            throws IOException {
        names(project, jobId);
        byte[] json = body.readNBytes(StashResource.MAX_BYTES + 1);
        if (json.length > StashResource.MAX_BYTES) {
            throw BuildGuard.tooLarge("stash", StashResource.MAX_BYTES);
        }
        StashResource.requireJson(json);
        Optional<BuildRow> build = queries.buildByJob(project, jobId);
        if (build.isPresent()) {
            stash.put(build.get().id(), json);
            return Response.noContent().build();
        }
        stash.putPending(project, jobId, json);
        // recorded meanwhile: the engine may have looked for a pending stash before this one was written
        Optional<BuildRow> now = queries.buildByJob(project, jobId);
        if (now.isPresent()) {
            stash.adoptPending(project, jobId, now.get().id());
        }
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("project") String project, @PathParam("jobId") String jobId) throws IOException {
        names(project, jobId);
        Optional<BuildRow> build = queries.buildByJob(project, jobId);
        Optional<byte[]> json = build.isPresent() ? stash.get(build.get().id()) : stash.getPending(project, jobId);
        return Response.ok(json.orElse(EMPTY), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static void names(String project, String jobId) {
        if (!Names.isValidProject(project) || !Names.isValidJobId(jobId)) {
            throw new IllegalArgumentException("not a valid project name or job id: " + project + "/" + jobId);
        }
    }
}
