package dev.sparky.dispatcher.api;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds, their logs and system logs, for the UI service. */
@Path("/internal/v1/builds")
@Produces(MediaType.APPLICATION_JSON)
public class BuildsResource {
    static final int MAX_PAGE = 500;
    /**
     * One log read answers at most this much (400 beyond), and 1 MiB without {@code limit}: a big log is read in
     * slices, {@code X-Log-Size} telling how much there is, so no request holds a huge log in memory. The whole
     * log is {@code /log/whole}, streamed.
     */
    static final int MAX_LOG_READ = 8 * 1024 * 1024;
    static final String DEFAULT_LOG_READ = "1048576";

    private final StateReader state;

    BuildsResource(StateReader state) {
        this.state = state;
    }

    @GET
    public Page<BuildView> list(@QueryParam("project") String project, @QueryParam("state") String buildState,
            @QueryParam("before") Long before, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (project != null) {
            Names.requireProject(project);
        }
        return state.list(project, parseState(buildState), before, Params.range("limit", limit, 1, MAX_PAGE));
    }

    @GET
    @Path("/{id}")
    public BuildView build(@PathParam("id") long id) {
        return state.build(id).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public Response log(@PathParam("id") long id, @QueryParam("offset") @DefaultValue("0") long offset,
            @QueryParam("limit") @DefaultValue(DEFAULT_LOG_READ) int limit, @QueryParam("attempt") String attempt) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: must be 0 or more, got " + offset);
        }
        LogSlice slice = state.log(id, attempt, offset, Params.range("limit", limit, 1, MAX_LOG_READ))
                .orElseThrow(() -> notFound(id));
        return Response.ok(slice.data(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .header("X-Log-Size", slice.size()).header("X-Build-State", slice.state().wireName()).build();
    }

    /**
     * The whole log, every attempt joined as {@code ?attempt=all} gives it, streamed from the files with its
     * length up front: what {@code /report/raw} passes through, one request whatever the size.
     */
    @GET
    @Path("/{id}/log/whole")
    @Produces(MediaType.TEXT_PLAIN)
    public Response wholeLog(@PathParam("id") long id) {
        WholeLog log = state.wholeLog(id).orElseThrow(() -> notFound(id));
        return Response.ok(log.body(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CONTENT_LENGTH, log.size())
                .header("X-Log-Size", log.size()).header("X-Build-State", log.state().wireName()).build();
    }

    @GET
    @Path("/{id}/syslog")
    @Produces(MediaType.TEXT_PLAIN)
    public String syslog(@PathParam("id") long id) {
        return state.syslog(id).map(lines -> lines.isEmpty() ? "" : String.join("\n", lines) + "\n")
                .orElseThrow(() -> notFound(id));
    }

    private static BuildState parseState(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return BuildState.fromWire(s.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state: '" + s + "' is not a build state; use queued, running, "
                    + "succeeded, failed, cancelled or timed_out");
        }
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException("no build " + id);
    }
}
