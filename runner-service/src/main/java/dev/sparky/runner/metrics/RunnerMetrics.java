package dev.sparky.runner.metrics;

import dev.sparky.contracts.events.BuildFinished.Outcome;

/** What the runner counts; Micrometer in the service, nothing in unit tests. */
public interface RunnerMetrics {
    RunnerMetrics NONE = new RunnerMetrics() {
        @Override
        public void busy(boolean busy) {}

        @Override
        public void finished(Outcome outcome) {}

        @Override
        public void logBytes(long bytes) {}
    };

    void busy(boolean busy);

    void finished(Outcome outcome);

    void logBytes(long bytes);

    /** A job record came a second (or later) time: its first runner died or hung before accepting it. */
    default void redelivered() {}
}
