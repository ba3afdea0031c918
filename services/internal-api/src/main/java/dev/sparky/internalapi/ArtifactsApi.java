package dev.sparky.internalapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * The artifacts of a build for the job API (the UI checks the job token and the name; the dispatcher stores).
 * Names follow the job id rule ({@code Names.isValidJobId}); an unknown build or artifact is 404, one over the
 * size limit 413.
 */
@Path("/internal/v1/builds/{id}/artifacts")
public interface ArtifactsApi {

    /**
     * Streams {@code body} into the build's artifact {@code name}, replacing one of the same name.
     *
     * @param length the byte count when the uploader declared it (refused early when over the limit), else null
     */
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    StoredArtifact upload(
            @PathParam("id") long id,
            @PathParam("name") String name,
            @HeaderParam("Content-Length") Long length,
            InputStream body);

    /** The build's artifacts sorted by name. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    List<ArtifactEntry> list(@PathParam("id") long id);

    /** The artifact's bytes, streamed, with its {@code Content-Length}; the reader closes the entity stream. */
    @GET
    @Path("/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    Response download(@PathParam("id") long id, @PathParam("name") String name);
}
