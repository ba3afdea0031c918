package dev.sparky.runner.queue;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many builds a runner takes before it exits: 0 for no limit (a long-lived runner), N for a runner that ends
 * after its N-th build (1: a fresh process, on Kubernetes a fresh pod, for every build). Counted on the queue
 * consumer's thread; read by others (health, logs).
 */
public final class BuildBudget {
    public static final BuildBudget UNLIMITED = new BuildBudget(0);

    private final int max;
    private final AtomicInteger taken = new AtomicInteger();

    private BuildBudget(int max) {
        this.max = max;
    }

    /**
     * @param max builds before the runner exits; 0 = unlimited
     * @throws IllegalArgumentException when negative, naming the setting
     */
    public static BuildBudget of(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("sparky.runner.max-builds (SPARKY_RUNNER_MAX_BUILDS) is " + max
                    + ": use 0 for a runner that never exits by itself, or N > 0 to exit after N builds");
        }
        return max == 0 ? UNLIMITED : new BuildBudget(max);
    }

    /** Counts one build that ran (started and reported finished). */
    void took() {
        taken.incrementAndGet();
    }

    /** @return true when this runner must take no further record */
    public boolean spent() {
        return max > 0 && taken.get() >= max;
    }

    public int taken() {
        return taken.get();
    }

    public int max() {
        return max;
    }
}
