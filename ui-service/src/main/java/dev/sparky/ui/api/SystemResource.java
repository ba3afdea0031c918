package dev.sparky.ui.api;

import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.Problem;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.ui.auth.Access;
import dev.sparky.ui.auth.AccessChecks;
import dev.sparky.ui.dispatcher.DispatcherClient;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The queue, the runners and the counters, passed through from the dispatcher. */
@Path("/api/v1")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "system")
@PermissionsAllowed(AccessChecks.READ)
public class SystemResource {
    private final DispatcherClient dispatcher;
    private final Access access;

    public SystemResource(DispatcherClient dispatcher, Access access) {
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @GET
    @Path("/queue")
    @Operation(summary = "Queued builds and why each one waits")
    public List<QueueEntry> queue() {
        var readable = access.readable();
        return dispatcher.queue().stream()
                .filter(q -> readable.test(q.project()))
                .toList();
    }

    @GET
    @Path("/runners")
    @Operation(summary = "Runners: live, busy, and the build in hand")
    public List<RunnerView> runners() {
        return dispatcher.runners();
    }

    @GET
    @Path("/overview")
    @Operation(summary = "Queue length, builds running, runners busy and idle")
    public Overview overview() {
        return dispatcher.overview();
    }
}
