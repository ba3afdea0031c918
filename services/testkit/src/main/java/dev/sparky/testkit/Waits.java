package dev.sparky.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling until a condition holds, with a message that says what never happened. */
public final class Waits {
    private Waits() {}

    /** @return the first non-null value {@code probe} gives within {@code timeout} */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        Instant end = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(end)) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last != null ? " (last error: " + last.getMessage() + ")" : ""));
    }

    /**
     * Checks that {@code probe} stays true for the whole of {@code period}, polling: "nothing more happens"
     * (no second build, no more output). Fails, saying what stopped holding, at the first poll where it is false.
     */
    public static void holds(Duration period, String what, BooleanSupplier probe) {
        Instant end = Instant.now().plus(period);
        do {
            if (!probe.getAsBoolean()) {
                throw new AssertionError("stopped holding within " + period.toMillis() + " ms: " + what);
            }
            sleep(100);
        } while (Instant.now().isBefore(end));
        if (!probe.getAsBoolean()) {
            throw new AssertionError("stopped holding within " + period.toMillis() + " ms: " + what);
        }
    }

    /** A pause that is part of a scenario (a process left stopped for a while), never a wait for a condition. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
