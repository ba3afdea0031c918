package dev.sparky.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polling until a condition holds, with a message that says what never happened. */
public final class Waits {
    private Waits() {
    }

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

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
