package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.RunnerPools;
import java.util.Set;

/**
 * Why a queued build of a runner pool waits, when the pool is the reason: no runner of the pool is alive (its
 * heartbeats tell the dispatcher which pools have one), or the pool is not declared to the dispatcher at all.
 *
 * @param declared the pools the dispatcher hands builds out to ({@code sparky.runner-pools}); null: any
 * @param alive the pools with a runner heard from within the lease and not stopped; null: any
 */
public record PoolWaits(Set<String> declared, Set<String> alive) {

    public PoolWaits {
        declared = declared == null ? null : Set.copyOf(declared);
        alive = alive == null ? null : Set.copyOf(alive);
    }

    /** The pool never explains a wait (null sets: every pool counts as declared and alive). */
    public static PoolWaits none() {
        return new PoolWaits(null, null);
    }

    /**
     * @param dispatched whether the build has been handed out (its job waits in the pool's topic)
     * @return why the pool holds the build, or null when it does not
     */
    public String reason(String pool, boolean dispatched) {
        String p = RunnerPools.orDefault(pool);
        if (!dispatched && declared != null && !declared.contains(p)) {
            return "runner pool " + p + " is not declared to the dispatcher: the build stays queued until it is "
                    + "(add it to SPARKY_RUNNER_POOLS) or the project names another pool";
        }
        if (dispatched && alive != null && !alive.contains(p)) {
            return "waiting for a runner in pool " + p;
        }
        return null;
    }
}
