package dev.sparky.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One fault the soak threw: its kind, the process it hit (a runner id, "dispatcher", "kafka"), when, and how
 * long the process stayed down or hung (zero for a kill).
 */
public record Fault(Kind kind, String target, Instant at, Duration length) {
    public enum Kind {
        RUNNER_KILL,
        RUNNER_PAUSE,
        DISPATCHER_KILL,
        BROKER_OUTAGE
    }

    /** A fault waiting for its turn: it is thrown once {@code afterTriggers} triggers have been sent. */
    record Planned(Kind kind, int afterTriggers) {}

    @Override
    public String toString() {
        return kind.name().toLowerCase().replace('_', ' ') + " " + target + " at " + at
                + (length.isZero() ? "" : " for " + length.toMillis() / 1000.0 + " s");
    }
}
