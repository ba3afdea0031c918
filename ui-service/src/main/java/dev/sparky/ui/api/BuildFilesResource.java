package dev.sparky.ui.api;

import dev.sparky.contracts.api.Problem;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.ArtifactView;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.jobapi.Artifacts;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A build's artifacts and stash, readable without a token like every other build read (with sparky.auth.public-read=false, only for callers who may read the project). */
@Path("/api/v1/builds/{id}")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "builds")
@PermissionsAllowed(AccessChecks.READ)
public class BuildFilesResource {
    private final DispatcherJobClient storage;
    private final DispatcherClient dispatcher;
    private final Access access;

    public BuildFilesResource(DispatcherJobClient storage, DispatcherClient dispatcher, Access access) {
        this.storage = storage;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    private void readable(long id) {
        access.requireRead(() -> dispatcher
                .build(id)
                .orElseThrow(() -> BuildsResource.notFound(id))
                .project());
    }

    @GET
    @Path("/artifacts")
    @Operation(summary = "The build's artifacts: name, size, modifiedAt, sorted by name")
    public List<ArtifactView> artifacts(@PathParam("id") long id) {
        readable(id);
        return storage.artifacts(id).orElseThrow(() -> BuildsResource.notFound(id));
    }

    @GET
    @Path("/artifacts/{name}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(summary = "Download one artifact")
    public Response artifact(@PathParam("id") long id, @PathParam("name") String name) {
        Artifacts.requireName(name);
        readable(id);
        return Artifacts.download(storage, id, name);
    }

    @GET
    @Path("/stash")
    @Operation(summary = "The build's stash ({} when it has none)")
    public Response stash(@PathParam("id") long id) {
        readable(id);
        return Artifacts.stash(storage, id);
    }
}
