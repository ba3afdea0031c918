package dev.sparky.ui.jobapi;

import dev.sparky.contracts.api.Problem;
import dev.sparky.ui.config.UiConfig;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.dispatcher.StoredArtifact;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The calling build's own files (docs/job-api.md): its JSON stash and its artifacts. An artifact is streamed to the
 * dispatcher as it arrives, never held whole in memory here.
 */
@Path("/api/v1/job")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "job")
// Open to Quarkus Security: every method checks the build's own job API token (JobTokens).
@PermitAll
public class JobStorageResource {
    private final DispatcherJobClient storage;
    private final JobTokens tokens;
    private final ArtifactUpload upload;
    private final long stashMax;

    public JobStorageResource(DispatcherJobClient storage, JobTokens tokens, UiConfig config) {
        this.storage = storage;
        this.tokens = tokens;
        this.upload =
                new ArtifactUpload(storage, config.jobApi().artifactMaxSize().asLongValue());
        this.stashMax = config.jobApi().stashMaxSize().asLongValue();
    }

    @PUT
    @Path("/stash")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace the calling build's stash with a JSON value (204)")
    public Response putStash(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token,
            InputStream body) {
        JobCaller caller = tokens.require(auth, token);
        storage.putStash(caller.buildId(), StashBody.read(body, stashMax));
        return Response.noContent().build();
    }

    @GET
    @Path("/stash")
    @Operation(summary = "The calling build's stash ({} when none was put)")
    public Response stash(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token) {
        return Artifacts.stash(storage, tokens.require(auth, token).buildId());
    }

    @PUT
    @Path("/artifacts/{name}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a file as an artifact of the calling build (201 {name,size,sha256})")
    public Response putArtifact(
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @HeaderParam(JobBuildsResource.TOKEN_HEADER) String token,
            InputStream body) {
        Artifacts.requireName(name);
        JobCaller caller = tokens.require(auth, token);
        StoredArtifact stored = upload.put(caller.buildId(), name, length, body);
        URI location = URI.create("/api/v1/builds/" + caller.buildId() + "/artifacts/" + name);
        return Response.created(location).entity(stored).build();
    }
}
