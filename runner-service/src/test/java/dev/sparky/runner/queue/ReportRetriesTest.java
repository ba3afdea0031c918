package dev.sparky.runner.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.kafka.PublishFailedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The report retries: how many tries, what ends them. */
class ReportRetriesTest {
    private static final JobHandler.Timings FAST =
            new JobHandler.Timings(Duration.ofMillis(100), 3, Duration.ofMillis(100), Duration.ofMillis(5));
    private final ReportRetries retries = new ReportRetries(FAST);
    private final AtomicInteger tries = new AtomicInteger();

    @Test
    void theStartIsTriedStartTriesTimesThenGivenUp() {
        assertFalse(retries.start(() -> {
            tries.incrementAndGet();
            throw new PublishFailedException("broker down", null);
        }));
        assertEquals(3, tries.get());
    }

    @Test
    void theStartStopsAtTheFirstAcknowledgement() {
        assertTrue(retries.start(() -> tries.incrementAndGet() == 2 || fail()));
        assertEquals(2, tries.get());
    }

    @Test
    void theFinishIsTriedUntilTheBrokerTakesIt() {
        assertTrue(retries.finish(() -> tries.incrementAndGet() == 50 || fail()));
        assertEquals(50, tries.get());
    }

    @Test
    void theFinishEndsWhenTheRunnerGivesUp() {
        assertFalse(retries.finish(() -> {
            if (tries.incrementAndGet() == 4) {
                throw new ReportRetries.GaveUp("shutting down");
            }
            throw new PublishFailedException("broker down", null);
        }));
        assertEquals(4, tries.get());
    }

    @Test
    void anUnexpectedErrorIsNotRetried() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> retries.finish(() -> {
                    tries.incrementAndGet();
                    throw new IllegalStateException("bug");
                }));
        assertEquals("bug", e.getMessage());
        assertEquals(1, tries.get());
    }

    private static boolean fail() {
        throw new PublishFailedException("not yet", null);
    }
}
