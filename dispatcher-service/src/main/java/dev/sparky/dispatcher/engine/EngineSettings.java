package dev.sparky.dispatcher.engine;

import java.time.Duration;

/**
 * The engine's knobs.
 *
 * @param lease how long an attempt's owner may stay silent before the attempt is lost
 * @param logCapBytes the log size a runner may write per attempt (sent in RunBuild); the dispatcher stops
 *     appending a little beyond it, as a guard against a runner that ignores it
 * @param handOutInterval how often hand-out runs even when no record arrived (edited concurrency takes effect)
 */
public record EngineSettings(Duration lease, long logCapBytes, Duration handOutInterval) {

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(10), 50L * 1024 * 1024, Duration.ofSeconds(2));
    }

    public EngineSettings withLease(Duration newLease) {
        return new EngineSettings(newLease, logCapBytes, handOutInterval);
    }
}
