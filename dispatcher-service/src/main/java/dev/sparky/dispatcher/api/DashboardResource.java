package dev.sparky.dispatcher.api;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.internalapi.DashboardApi;
import java.util.List;

/** The queue with the reason each build waits, the runners, and the dashboard counters. */
public class DashboardResource implements DashboardApi {
    static final int MAX_QUEUE = 5000;

    private final StateReader state;

    DashboardResource(StateReader state) {
        this.state = state;
    }

    @Override
    public List<QueueEntry> queue(Integer limit) {
        return state.queue(Params.range("limit", limit, 1, MAX_QUEUE));
    }

    @Override
    public List<RunnerView> runners() {
        return state.runners();
    }

    /**
     * The counters; with {@code pool}, those of one runner pool only (its queued and running builds, its runners):
     * each pool's autoscaler scales on its own queue depth.
     */
    @Override
    public Overview overview(String pool) {
        if (pool == null) {
            return state.overview();
        }
        if (!RunnerPools.isValid(pool)) {
            throw new IllegalArgumentException("pool: '" + pool + "' is not a runner pool name: " + RunnerPools.RULE);
        }
        return state.overview(pool);
    }
}
