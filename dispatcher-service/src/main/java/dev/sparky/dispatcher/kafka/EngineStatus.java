package dev.sparky.dispatcher.kafka;

import java.time.Clock;

/**
 * What readiness needs to know about the engine thread: when it last finished a turn (a turn includes the
 * database write of the health row about once a second) and the last error.
 */
public final class EngineStatus {
    private final Clock clock;
    private volatile long lastTurn;
    private volatile long lastFailure;
    private volatile String lastError;

    EngineStatus(Clock clock) {
        this.clock = clock;
    }

    void turnDone() {
        lastTurn = clock.millis();
    }

    void failed(Exception e) {
        lastFailure = clock.millis();
        lastError = describe(e);
    }

    /** Every distinct message down the cause chain, so "No space left on device" is not hidden by a wrapper. */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(m);
            }
        }
        return out.toString();
    }

    /** @return null when the database took the engine's last writes, else why not */
    public String databaseProblem() {
        if (lastTurn == 0 && lastError == null) {
            return "the engine has not finished a turn yet";
        }
        return lastFailure >= lastTurn && lastError != null ? "database or engine failure: " + lastError : null;
    }

    /** Milliseconds since the last finished turn. */
    public long sinceLastTurn() {
        return lastTurn == 0 ? Long.MAX_VALUE : clock.millis() - lastTurn;
    }
}
