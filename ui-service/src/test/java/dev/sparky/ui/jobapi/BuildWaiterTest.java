package dev.sparky.ui.jobapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BuildWaiterTest {
    final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);
    final BuildWaiter waiter = new BuildWaiter(Clock.systemUTC(), Duration.ofMillis(10), pool, pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static BuildView build(BuildState s) {
        return FakeDispatcher.build(1, "p", "j", s, "d", Map.of());
    }

    @Test
    void answersAsSoonAsTheBuildIsTerminal() {
        AtomicInteger polls = new AtomicInteger();
        var o = waiter.await(
                        () -> Optional.of(
                                build(polls.incrementAndGet() < 5 ? BuildState.RUNNING : BuildState.SUCCEEDED)),
                        Duration.ofSeconds(30))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertEquals(BuildState.SUCCEEDED, o.build().state());
        assertTrue(!o.timedOut());
        assertEquals(5, polls.get());
    }

    @Test
    void runsOutWithTheLastStateSeen() {
        long start = System.nanoTime();
        var o = waiter.await(() -> Optional.of(build(BuildState.QUEUED)), Duration.ofMillis(300))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertTrue(o.timedOut());
        assertEquals(BuildState.QUEUED, o.build().state());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);
    }

    @Test
    void zeroWaitAsksOnce() {
        AtomicInteger polls = new AtomicInteger();
        var o = waiter.await(
                        () -> {
                            polls.incrementAndGet();
                            return Optional.<BuildView>empty();
                        },
                        Duration.ZERO)
                .await()
                .atMost(Duration.ofSeconds(5));
        assertNull(o.build());
        assertEquals(1, polls.get());
    }

    @Test
    void aBuildNotKnownYetIsWaitedFor() {
        AtomicInteger polls = new AtomicInteger();
        var o = waiter.await(
                        () -> polls.incrementAndGet() < 3 ? Optional.empty() : Optional.of(build(BuildState.FAILED)),
                        Duration.ofSeconds(30))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertEquals(BuildState.FAILED, o.build().state());
    }

    @Test
    void aPassingDispatcherOutageIsRiddenOutButNotAtTheDeadline() {
        AtomicInteger polls = new AtomicInteger();
        var o = waiter.await(
                        () -> {
                            if (polls.incrementAndGet() < 3) {
                                throw new DispatcherUnavailableException("restarting", null);
                            }
                            return Optional.of(build(BuildState.SUCCEEDED));
                        },
                        Duration.ofSeconds(30))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertEquals(BuildState.SUCCEEDED, o.build().state());
        assertThrows(
                DispatcherUnavailableException.class,
                () -> waiter.await(
                                () -> {
                                    throw new DispatcherUnavailableException("down", null);
                                },
                                Duration.ofMillis(100))
                        .await()
                        .atMost(Duration.ofSeconds(5)));
    }

    @Test
    void waitIsAWholeNumberFrom0To300() {
        assertEquals(Duration.ZERO, BuildWaiter.parseWait(null));
        assertEquals(Duration.ofSeconds(60), BuildWaiter.parseWait("60"));
        assertEquals(Duration.ofSeconds(300), BuildWaiter.parseWait("300"));
        for (String bad : new String[] {"-1", "301", "1.5", "soon"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> BuildWaiter.parseWait(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
