package dev.sparky.internalapi;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds, their logs and system logs. An unknown build is 404. */
@Path("/internal/v1/builds")
public interface BuildsApi {

    /**
     * @param state a build state's wire name, or null for any
     * @param before only builds with a smaller id (paging), or null
     * @param limit 1 to 500
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Page<BuildView> list(
            @QueryParam("project") String project,
            @QueryParam("state") String state,
            @QueryParam("before") Long before,
            @QueryParam("limit") @DefaultValue("50") Integer limit);

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    BuildView build(@PathParam("id") long id);

    /**
     * Log bytes from {@code offset}, at most {@code limit} (1 MiB when null, 8 MiB at most), with the headers
     * {@link InternalHeaders#LOG_SIZE} and {@link InternalHeaders#BUILD_STATE}.
     *
     * @param attempt a number, "all" (every attempt with a header line each), or null for the latest
     */
    @GET
    @Path("/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    Response log(
            @PathParam("id") long id,
            @QueryParam("offset") @DefaultValue("0") Long offset,
            @QueryParam("limit") @DefaultValue("1048576") Integer limit,
            @QueryParam("attempt") String attempt);

    /**
     * The whole log, every attempt joined as {@code attempt=all} gives it, streamed with its length up front
     * ({@code Content-Length} and {@link InternalHeaders#LOG_SIZE}); the reader closes the entity stream.
     */
    @GET
    @Path("/{id}/log/whole")
    @Produces(MediaType.TEXT_PLAIN)
    Response wholeLog(@PathParam("id") long id);

    /** The system log lines, each ended by a newline. */
    @GET
    @Path("/{id}/syslog")
    @Produces(MediaType.TEXT_PLAIN)
    String syslog(@PathParam("id") long id);
}
