package dev.sparky.dispatcher.api;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The queue with the reason each build waits, the runners, and the dashboard counters. */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {
    static final int MAX_QUEUE = 5000;

    private final StateReader state;

    DashboardResource(StateReader state) {
        this.state = state;
    }

    @GET
    @Path("/queue")
    public List<QueueEntry> queue(@QueryParam("limit") @DefaultValue("1000") int limit) {
        return state.queue(Params.range("limit", limit, 1, MAX_QUEUE));
    }

    @GET
    @Path("/runners")
    public List<RunnerView> runners() {
        return state.runners();
    }

    /**
     * The counters; with {@code pool}, those of one runner pool only (its queued and running builds, its runners):
     * each pool's autoscaler scales on its own queue depth.
     */
    @GET
    @Path("/overview")
    public Overview overview(@QueryParam("pool") String pool) {
        if (pool == null) {
            return state.overview();
        }
        if (!RunnerPools.isValid(pool)) {
            throw new IllegalArgumentException("pool: '" + pool + "' is not a runner pool name: " + RunnerPools.RULE);
        }
        return state.overview(pool);
    }
}
