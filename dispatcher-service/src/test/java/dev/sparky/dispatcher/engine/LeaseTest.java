package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.dispatcher.store.AttemptRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lost runners, retries and hand-backs. */
class LeaseTest {
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
    void lostRunnerGivesASecondAttemptThenFailsWithRunnerLost() {
        f.apply(f.started("r1", id, 1));
        f.tick(Duration.ofSeconds(11));
        var out = f.drainOutbox();
        StopAttempt stop = EngineFixture.stops(out).get(0);
        assertEquals(StopAttempt.Reason.REVOKED, stop.reason());
        assertNull(stop.runnerId(), "broadcast: whoever holds attempt 1 stops");
        RunBuild second = EngineFixture.jobs(out).get(0);
        assertEquals(2, second.attempt());
        assertEquals(AttemptRow.LOST, f.attempts(id).get(0).state());
        assertEquals(1, f.metrics.leaseExpiries.get());

        f.apply(f.started("r2", id, 2));
        f.tick(Duration.ofSeconds(11));
        assertEquals(BuildState.FAILED, f.build(id).state());
        assertEquals("runner lost", f.build(id).reason());
        assertTrue(EngineFixture.jobs(f.drainOutbox()).isEmpty());
        assertTrue(f.syslog(id).stream().anyMatch(l -> l.contains("runner r2 lost (no heartbeat for 11 s)")));
    }

    @Test
    void handedOutButNeverStartedIsNotLost() {
        f.tick(Duration.ofMinutes(10));
        assertEquals(BuildState.QUEUED, f.build(id).state());
        assertEquals(1, f.build(id).attempt());
        assertTrue(EngineFixture.jobs(f.drainOutbox()).isEmpty(), "not handed out again");
    }

    @Test
    void noLeaseChecksWhileTheDispatcherCannotHearRunners() {
        f.apply(f.started("r1", id, 1));
        f.clock.advance(Duration.ofMinutes(5));
        f.engine.apply(List.of(), false);
        assertEquals(BuildState.RUNNING, f.build(id).state());
    }

    @Test
    void handBackRunsAgainWithoutCountingARetry() {
        f.apply(f.started("r1", id, 1), f.finished("r1", id, 1, Outcome.HANDED_BACK, null));
        assertEquals(AttemptRow.HANDED_BACK, f.attempts(id).get(0).state());
        assertEquals(2, EngineFixture.jobs(f.drainOutbox()).get(0).attempt());
        f.apply(f.started("r2", id, 2));
        f.tick(Duration.ofSeconds(11)); // attempt 2 lost: the first counted start, one retry left
        assertEquals(3, EngineFixture.jobs(f.drainOutbox()).get(0).attempt());
        assertEquals(BuildState.QUEUED, f.build(id).state());
    }

    @Test
    void cancelRequestedAndLeaseExpiredEndsCancelledNotRetried() {
        f.apply(f.started("r1", id, 1));
        f.apply(f.cancel("hello", "a"));
        assertEquals(BuildState.RUNNING, f.build(id).state());
        f.tick(Duration.ofSeconds(11));
        assertEquals(BuildState.CANCELLED, f.build(id).state());
        assertTrue(EngineFixture.jobs(f.drainOutbox()).isEmpty());
    }

    @Test
    void runnerRowShowsItsLastHeartbeat() {
        f.apply(f.heartbeat("r7", null, null));
        var runners = f.queries.runners();
        assertEquals(1, runners.size());
        assertEquals("idle", runners.get(0).state());
        assertEquals(f.clock.millis(), runners.get(0).lastSeen());
    }
}
