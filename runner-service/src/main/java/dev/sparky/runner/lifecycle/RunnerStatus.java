package dev.sparky.runner.lifecycle;

/** Whether the runner still takes work. Read by the queue loop, the heartbeat and readiness. */
public final class RunnerStatus {
    private volatile boolean draining;
    private volatile boolean stopped;
    private volatile boolean topicsReady;

    public boolean draining() {
        return draining;
    }

    public boolean stopped() {
        return stopped;
    }

    /**
     * True once the topics exist. Nothing is produced before: a broker that auto-creates topics would otherwise
     * make {@code sparky.runner-events} with its default partition count, not ours.
     */
    public boolean topicsReady() {
        return topicsReady;
    }

    public void markTopicsReady() {
        topicsReady = true;
    }

    void startDraining() {
        draining = true;
    }

    void markStopped() {
        stopped = true;
    }
}
