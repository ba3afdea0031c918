package dev.sparky.internalapi;

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
public interface DashboardApi {

    /** @param limit 1 to 5000 */
    @GET
    @Path("/queue")
    @Produces(MediaType.APPLICATION_JSON)
    List<QueueEntry> queue(@QueryParam("limit") @DefaultValue("1000") Integer limit);

    @GET
    @Path("/runners")
    @Produces(MediaType.APPLICATION_JSON)
    List<RunnerView> runners();

    /** @param pool null for every pool, else the counters of that runner pool only (its autoscaler's input) */
    @GET
    @Path("/overview")
    @Produces(MediaType.APPLICATION_JSON)
    Overview overview(@QueryParam("pool") String pool);
}
