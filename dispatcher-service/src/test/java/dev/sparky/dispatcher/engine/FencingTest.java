package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.StopAttempt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the first runner to start the current attempt owns it; everyone else is told to stop. */
class FencingTest {
    @TempDir
    Path home;

    EngineFixture f;
    long id;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("hello", "concurrency: 1\nretries: 1\n");
        f.apply(f.request("hello", "a", Map.of()));
        id = f.build("hello", "a").orElseThrow().id();
        f.drainOutbox();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void sameStartTwiceIsANoOp() {
        f.apply(f.started("r1", id, 1));
        f.apply(f.started("r1", id, 1));
        assertEquals(1, f.attempts(id).size());
        assertEquals(
                1,
                f.syslog(id).stream()
                        .filter(l -> l.contains("started on runner r1 (attempt 1)"))
                        .count());
        assertEquals(1, f.metrics.attempts.get());
        assertEquals(BuildState.RUNNING, f.build(id).state());
    }

    @Test
    void secondRunnerOfTheSameAttemptIsRevoked() {
        f.apply(f.started("r1", id, 1));
        f.drainOutbox();
        f.apply(f.started("r2", id, 1));
        List<StopAttempt> stops = EngineFixture.stops(f.drainOutbox());
        assertEquals(1, stops.size());
        assertEquals("r2", stops.get(0).runnerId());
        assertEquals(StopAttempt.Reason.REVOKED, stops.get(0).reason());
        assertEquals("r1", f.build(id).runnerId());
    }

    @Test
    void staleAttemptIsRevokedAndItsFinishChangesNothing() {
        f.apply(f.started("r1", id, 1));
        f.tick(Duration.ofSeconds(11)); // r1 silent: attempt 1 lost, attempt 2 handed out
        assertEquals(2, f.build(id).attempt());
        f.drainOutbox();
        f.apply(f.started("r3", id, 2));
        f.apply(f.started("r9", id, 1), f.finished("r1", id, 1, Outcome.SUCCEEDED, 0));
        List<StopAttempt> stops = EngineFixture.stops(f.drainOutbox());
        assertEquals(List.of("r9"), stops.stream().map(StopAttempt::runnerId).toList());
        assertEquals(BuildState.RUNNING, f.build(id).state());
        assertEquals("r3", f.build(id).runnerId());
    }

    @Test
    void onlyTheOwnersFinishCountsAndOnlyOnce() {
        f.apply(f.started("r1", id, 1));
        f.apply(f.finished("r2", id, 1, Outcome.SUCCEEDED, 0));
        assertEquals(BuildState.RUNNING, f.build(id).state());
        f.apply(f.finished("r1", id, 1, Outcome.FAILED, 3));
        f.apply(f.finished("r1", id, 1, Outcome.SUCCEEDED, 0));
        assertEquals(BuildState.FAILED, f.build(id).state());
        assertEquals("exit code 3", f.build(id).reason());
        assertEquals(3, f.build(id).exitCode());
        List<String> log = f.syslog(id);
        assertTrue(log.get(log.size() - 2).endsWith("exit code 3"));
        assertTrue(log.get(log.size() - 1).endsWith("finished: failed (exit code 3)"));
    }

    @Test
    void startOfAFinishedBuildIsToldToStop() {
        f.apply(f.cancel("hello", "a"));
        f.drainOutbox();
        f.apply(f.started("r1", id, 1));
        List<StopAttempt> stops = EngineFixture.stops(f.drainOutbox());
        assertEquals(StopAttempt.Reason.CANCELLED, stops.get(0).reason());
        assertEquals("r1", stops.get(0).runnerId());
        assertTrue(f.attempts(id).isEmpty());
    }

    @Test
    void heartbeatRenewsTheOwnersLeaseAndRevokesOthers() {
        f.apply(f.started("r1", id, 1));
        f.clock.advance(Duration.ofSeconds(8));
        f.apply(f.heartbeat("r1", id, 1), f.heartbeat("r2", id, 1));
        assertEquals(f.clock.millis(), f.attempts(id).get(0).lastSeen());
        List<StopAttempt> stops = EngineFixture.stops(f.drainOutbox());
        assertEquals(List.of("r2"), stops.stream().map(StopAttempt::runnerId).toList());
        f.tick(Duration.ofSeconds(8));
        assertEquals(BuildState.RUNNING, f.build(id).state(), "renewed 8 s ago: not lost");
    }

    @Test
    void heartbeatBeforeTheStartIsNotRevoked() {
        // Heartbeats are keyed by runner, starts by build: the heartbeat may overtake the start.
        f.apply(f.heartbeat("r1", id, 1));
        assertTrue(EngineFixture.stops(f.drainOutbox()).isEmpty());
        f.apply(f.started("r1", id, 1));
        assertEquals("r1", f.build(id).runnerId());
    }

    @Test
    void heartbeatWithAFinishedBuildIsRevoked() {
        f.apply(f.started("r1", id, 1), f.finished("r1", id, 1, Outcome.SUCCEEDED, 0));
        f.drainOutbox();
        f.apply(f.heartbeat("r1", id, 1));
        StopAttempt stop = EngineFixture.stops(f.drainOutbox()).get(0);
        assertEquals(StopAttempt.Reason.REVOKED, stop.reason());
        assertNull(f.build(id).reason());
    }
}
