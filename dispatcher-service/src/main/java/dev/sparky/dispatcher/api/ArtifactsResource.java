package dev.sparky.dispatcher.api;

import dev.sparky.contracts.Names;
import dev.sparky.dispatcher.config.DispatcherConfig;
import dev.sparky.dispatcher.store.ArtifactQuotaException;
import dev.sparky.dispatcher.store.ArtifactStore;
import dev.sparky.dispatcher.store.TooLargeException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Artifact storage for the job API (the UI service exposes it and checks tokens; this stores). Uploads are
 * streamed to a temp file and renamed into place; they write files only, never the database.
 */
@Path("/internal/v1/builds/{id}/artifacts")
public class ArtifactsResource {
    private final BuildGuard builds;
    private final ArtifactStore artifacts;
    private final long maxBytes;

    ArtifactsResource(BuildGuard builds, ArtifactStore artifacts, DispatcherConfig config) {
        this.builds = builds;
        this.artifacts = artifacts;
        this.maxBytes = config.dispatcher().artifactMaxSize().asLongValue();
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("id") long id, @PathParam("name") String name,
            @HeaderParam("Content-Length") Long length, InputStream body) throws IOException {
        requireName(name);
        builds.require(id);
        if (length != null && length > maxBytes) {
            throw BuildGuard.tooLarge("artifact " + name, maxBytes);
        }
        ArtifactStore.Stored stored;
        try {
            stored = artifacts.put(id, name, body, maxBytes);
        } catch (TooLargeException e) {
            throw BuildGuard.tooLarge("artifact " + name, maxBytes);
        } catch (ArtifactQuotaException e) {
            throw new WebApplicationException(e.getMessage(), 413);
        } catch (NoSuchFileException e) {
            // retention removed the build's folder while the upload was written
            builds.requireStill(id, () -> artifacts.delete(id));
            throw e;
        }
        builds.requireStill(id, () -> artifacts.delete(id));
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ArtifactStore.Entry> list(@PathParam("id") long id) throws IOException {
        builds.require(id);
        return artifacts.list(id);
    }

    @GET
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("id") long id, @PathParam("name") String name) throws IOException {
        requireName(name);
        builds.require(id);
        ArtifactStore.Opened opened = artifacts.open(id, name)
                .orElseThrow(() -> new NotFoundException("build " + id + " has no artifact " + name));
        return Response.ok(opened.in(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", opened.size()).build();
    }

    private static void requireName(String name) {
        if (!Names.isValidJobId(name)) {
            throw new IllegalArgumentException("name: '" + name + "' is not a valid artifact name; use letters, "
                    + "digits, '.', '_' and '-', starting with a letter or digit, at most 200 characters");
        }
    }
}
