package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UntilTheBrokerAnswersTest {
    private static final Duration PAUSE = Duration.ofMillis(10);

    @Test
    void aStepThatFailsTwiceIsTriedAgainUntilItSucceedsAndEachFailureIsTold() {
        AtomicInteger tries = new AtomicInteger();
        List<String> told = new ArrayList<>();
        boolean done = UntilTheBrokerAnswers.run(
                "create the topics", PAUSE, () -> false, (e, n) -> told.add(n + ": " + e.getMessage()), () -> {
                    if (tries.incrementAndGet() < 3) {
                        throw new IllegalStateException("no broker on 127.0.0.1:1");
                    }
                });
        assertTrue(done);
        assertEquals(3, tries.get());
        assertEquals(List.of("1: no broker on 127.0.0.1:1", "2: no broker on 127.0.0.1:1"), told);
    }

    @Test
    void aStoppedServiceStopsTryingAndSaysItDidNotSucceed() {
        AtomicInteger tries = new AtomicInteger();
        boolean done =
                UntilTheBrokerAnswers.run("create the topics", PAUSE, () -> tries.get() >= 4, (e, n) -> {}, () -> {
                    tries.incrementAndGet();
                    throw new IllegalStateException("no broker");
                });
        assertFalse(done);
        assertEquals(4, tries.get(), "no try after the stop");
    }

    @Test
    void anErrorIsNotRetriedButThrown() {
        AtomicInteger tries = new AtomicInteger();
        assertThrows(
                AssertionError.class,
                () -> UntilTheBrokerAnswers.run("set up", PAUSE, () -> false, (e, n) -> {}, () -> {
                    tries.incrementAndGet();
                    throw new AssertionError("a bug, not the broker");
                }));
        assertEquals(1, tries.get());
    }
}
