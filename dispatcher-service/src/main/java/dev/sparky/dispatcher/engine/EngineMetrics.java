package dev.sparky.dispatcher.engine;

import java.time.Duration;

/** What the engine counts. The Micrometer adapter lives in the config package; tests use {@link #NONE}. */
public interface EngineMetrics {
    EngineMetrics NONE = new EngineMetrics() {};

    default void duplicateRequest() {}

    default void deadLetter() {}

    default void leaseExpired() {}

    default void attemptStarted() {}

    default void triggerToStart(Duration d) {}

    default void buildDuration(Duration d) {}
}
