package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.StopAttempt;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel: queued builds end at once, running ones when their runner reports, finished ones stay. */
class CancelTest {
    @TempDir
    Path home;

    EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("hello", "concurrency: 1\n");
        f.apply(f.request("hello", "a", Map.of()), f.request("hello", "b", Map.of()));
        f.drainOutbox();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void waitingBuildIsCancelledAtOnceWithoutAStop() {
        f.apply(f.cancel("hello", "b"));
        var b = f.build("hello", "b").orElseThrow();
        assertEquals(BuildState.CANCELLED, b.state());
        assertEquals("cancelled by bob", b.reason());
        var out = f.drainOutbox();
        assertTrue(EngineFixture.stops(out).isEmpty());
        assertEquals(BuildState.CANCELLED, EngineFixture.events(out).get(0).state());
    }

    @Test
    void handedOutBuildIsCancelledAtOnceAndWhoeverGotItStops() {
        f.apply(f.cancel("hello", "a"));
        var out = f.drainOutbox();
        assertEquals(BuildState.CANCELLED, f.build("hello", "a").orElseThrow().state());
        StopAttempt stop = EngineFixture.stops(out).get(0);
        assertEquals(StopAttempt.Reason.CANCELLED, stop.reason());
        assertNull(stop.runnerId());
        assertEquals("b", EngineFixture.jobs(out).get(0).jobId(), "the slot is free for the next build");
    }

    @Test
    void runningBuildIsAskedToStopAndEndsWhenItsRunnerReports() {
        long id = f.build("hello", "a").orElseThrow().id();
        f.apply(f.started("r1", id, 1));
        f.drainOutbox();
        f.apply(f.cancel("hello", "a"));
        StopAttempt stop = EngineFixture.stops(f.drainOutbox()).get(0);
        assertEquals("r1", stop.runnerId());
        assertEquals(StopAttempt.Reason.CANCELLED, stop.reason());
        assertEquals(BuildState.RUNNING, f.build(id).state());
        assertTrue(f.build(id).cancelRequested());
        f.apply(f.finished("r1", id, 1, Outcome.CANCELLED, null));
        assertEquals(BuildState.CANCELLED, f.build(id).state());
    }

    @Test
    void finishedBuildIsLeftAsItIsWithANote() {
        long id = f.build("hello", "a").orElseThrow().id();
        f.apply(f.started("r1", id, 1), f.finished("r1", id, 1, Outcome.SUCCEEDED, 0));
        f.drainOutbox();
        f.apply(f.cancel("hello", "a"));
        assertEquals(BuildState.SUCCEEDED, f.build(id).state());
        List<String> log = f.syslog(id);
        assertTrue(log.get(log.size() - 1).endsWith("cancel by bob ignored: the build is already succeeded"));
        assertTrue(EngineFixture.events(f.drainOutbox()).isEmpty());
    }

    @Test
    void cancelPolledWithItsRequestFindsTheBuild() {
        f.apply(f.cancel("hello", "c"), f.request("hello", "c", Map.of()));
        assertEquals(BuildState.CANCELLED, f.build("hello", "c").orElseThrow().state());
    }
}
