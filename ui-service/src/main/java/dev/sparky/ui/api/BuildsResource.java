package dev.sparky.ui.api;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.Problem;
import dev.sparky.contracts.api.TriggerAccepted;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.auth.Action;
import dev.sparky.ui.dispatcher.BuildQuery;
import dev.sparky.ui.dispatcher.DispatcherClient;
import dev.sparky.ui.dispatcher.LogSlice;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.trigger.TriggerService;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Builds by build id: list, one, log, system log, cancel, rebuild ({@code /api/v1/builds}). */
@Path("/api/v1/builds")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "builds")
@PermissionsAllowed(AccessChecks.READ)
public class BuildsResource {
    /**
     * One log read answers at most this many bytes (400 beyond), and {@link #DEFAULT_LOG_READ} without
     * {@code limit}: a client reads a big log in slices, {@code X-Log-Size} telling it how much there is; the
     * whole log is {@code /report/raw}, streamed.
     */
    static final int MAX_LOG_READ = 8 * 1024 * 1024;

    static final int DEFAULT_LOG_READ = 1024 * 1024;

    private final TriggerService triggers;
    private final DispatcherClient dispatcher;
    private final Access access;

    public BuildsResource(TriggerService triggers, DispatcherClient dispatcher, Access access) {
        this.triggers = triggers;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @GET
    @Operation(summary = "Recent builds, newest first, filtered by project and state")
    public Page<BuildView> list(
            @QueryParam("project") String project,
            @QueryParam("state") String state,
            @QueryParam("before") Long before,
            @QueryParam("limit") Integer limit) {
        if (project != null) {
            Names.requireProject(project);
            access.require(Action.READ, project);
        }
        var readable = access.readable();
        Page<BuildView> page =
                dispatcher.builds(new BuildQuery(project, parseState(state), before, Paging.limit(limit)));
        // With restricted reads, builds of projects the caller may not read are left out of the page.
        return new Page<>(
                page.items().stream().filter(b -> readable.test(b.project())).toList(), page.next());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One build with its attempts")
    public BuildView one(@PathParam("id") long id) {
        BuildView b = require(id);
        access.require(Action.READ, b.project());
        return b;
    }

    @GET
    @Path("/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(
            summary = "Log bytes from an offset (limit 1 MiB by default, 8 MiB at most); X-Log-Size and "
                    + "X-Build-State say whether to ask again")
    public Response log(
            @PathParam("id") long id,
            @QueryParam("offset") @DefaultValue("0") long offset,
            @QueryParam("limit") Integer limit,
            @QueryParam("attempt") String attempt) {
        if (offset < 0) {
            throw RequestRefusedException.invalid("offset must be 0 or more, got " + offset);
        }
        if (limit != null && (limit < 1 || limit > MAX_LOG_READ)) {
            throw RequestRefusedException.invalid("limit must be between 1 and " + MAX_LOG_READ + " bytes, got " + limit
                    + ": read a bigger log in slices (offset, limit; X-Log-Size is its whole size) or whole from "
                    + "/report/raw/{project}/{jobId}");
        }
        if (attempt != null && !attempt.equals("all") && !attempt.matches("[1-9][0-9]{0,5}")) {
            throw RequestRefusedException.invalid("attempt must be a number from 1 or 'all', got '" + attempt + "'");
        }
        readable(id);
        LogSlice slice = dispatcher
                .log(id, offset, limit == null ? DEFAULT_LOG_READ : limit, attempt)
                .orElseThrow(() -> notFound(id));
        Response.ResponseBuilder r = Response.ok(slice.bytes())
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("X-Log-Size", slice.size());
        if (slice.state() != null) {
            r.header("X-Build-State", slice.state().wireName());
        }
        return r.build();
    }

    @GET
    @Path("/{id}/syslog")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The system log: one timestamped line per lifecycle event")
    public String syslog(@PathParam("id") long id) {
        readable(id);
        return dispatcher.syslog(id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running build (202 once the command is on Kafka)")
    @PermissionsAllowed(AccessChecks.WRITE)
    public Response cancel(@PathParam("id") long id) {
        BuildView build = require(id);
        access.require(Action.CANCEL, build.project());
        if (build.state().isTerminal()) {
            throw RequestRefusedException.conflict(
                    "build " + id + " has already finished (" + build.state().wireName() + "); nothing to cancel");
        }
        triggers.cancel(build.project(), build.jobId(), access.requestedBy());
        return Response.accepted(new CancelAccepted(id, build.project(), build.jobId(), "/api/v1/builds/" + id))
                .build();
    }

    @POST
    @Path("/{id}/rebuild")
    @Operation(summary = "Queue the build again with the same parameters (new job id <key>.<6 letters>)")
    @PermissionsAllowed(AccessChecks.WRITE)
    public Response rebuild(@PathParam("id") long id) {
        BuildView build = require(id);
        access.require(Action.RUN, build.project());
        TriggerAccepted accepted = triggers.rebuild(build, access.requestedBy());
        return Response.accepted(accepted)
                .location(URI.create(accepted.buildUrl()))
                .build();
    }

    /** Refuses a build of a project the caller may not read; asks the dispatcher only when reads are restricted. */
    void readable(long id) {
        access.requireRead(() -> require(id).project());
    }

    private BuildView require(long id) {
        return dispatcher.build(id).orElseThrow(() -> notFound(id));
    }

    static RequestRefusedException notFound(long id) {
        return RequestRefusedException.notFound("build " + id + " not found");
    }

    static BuildState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return BuildState.fromWire(state.trim());
        } catch (IllegalArgumentException e) {
            throw RequestRefusedException.invalid("state must be one of "
                    + Arrays.stream(BuildState.values())
                            .map(BuildState::wireName)
                            .toList() + ", got '" + state + "'");
        }
    }
}
