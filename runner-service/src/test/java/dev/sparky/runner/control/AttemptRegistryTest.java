package dev.sparky.runner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.contracts.events.StopAttempt.Reason;
import dev.sparky.runner.exec.BuildControl;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which stop commands concern this runner, and what they do to the attempt in hand. */
class AttemptRegistryTest {
    private final AttemptRegistry registry = new AttemptRegistry("runner-1", 3);

    @Test
    void aStopForAnotherRunnerIsIgnoredEntirely() {
        BuildControl control = registry.begin(1, 1, Instant.now());
        registry.apply(StopAttempt.of(1, 1, "runner-2", Reason.REVOKED, "owned by runner-3"));
        assertTrue(control.stopRequest().isEmpty());
        assertFalse(registry.wasStopped(1, 1));
    }

    @Test
    void cancelAndRevokeMapToTheirOutcomes() {
        BuildControl first = registry.begin(1, 1, Instant.now());
        registry.apply(StopAttempt.of(1, 1, null, Reason.CANCELLED, null));
        assertEquals(Outcome.CANCELLED, first.stopRequest().orElseThrow().outcome());
        assertEquals("cancelled", first.stopRequest().orElseThrow().reason());
        registry.end(first);
        BuildControl second = registry.begin(2, 1, Instant.now());
        registry.apply(StopAttempt.of(2, 1, "runner-1", Reason.REVOKED, null));
        assertEquals(Outcome.ABANDONED, second.stopRequest().orElseThrow().outcome());
    }

    @Test
    void anEarlierStopPreStopsTheAttemptWhenItArrives() {
        registry.apply(StopAttempt.of(5, 2, null, Reason.CANCELLED, "cancelled by bob"));
        assertEquals(
                "cancelled by bob",
                registry.begin(5, 2, Instant.now()).stopRequest().orElseThrow().reason());
        assertTrue(registry.begin(5, 3, Instant.now()).stopRequest().isEmpty(), "another attempt runs");
    }

    @Test
    void onlyTheNewestStopsAreRemembered() {
        for (int b = 1; b <= 5; b++) {
            registry.apply(StopAttempt.of(b, 1, null, Reason.CANCELLED, null));
        }
        assertFalse(registry.wasStopped(1, 1));
        assertFalse(registry.wasStopped(2, 1));
        assertTrue(registry.wasStopped(5, 1));
    }

    @Test
    void awaitIdleReturnsWhenTheAttemptEnds() throws Exception {
        BuildControl control = registry.begin(1, 1, Instant.now());
        assertFalse(registry.awaitIdle(Duration.ofMillis(50)));
        new Thread(() -> registry.end(control)).start();
        assertTrue(registry.awaitIdle(Duration.ofSeconds(5)));
    }
}
