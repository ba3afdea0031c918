package dev.sparky.dispatcher.api;

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

    @GET
    @Path("/overview")
    public Overview overview() {
        return state.overview();
    }
}
