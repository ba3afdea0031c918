package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per state folder: a second one is refused while the first holds it, and gets it once released. */
class StateLockTest {
    @TempDir
    Path state;

    @Test
    void aSecondWriterIsRefusedUntilTheFirstLetsGo() {
        StateLock first = StateLock.tryAcquire(state).orElseThrow();
        assertTrue(StateLock.tryAcquire(state).isEmpty(), "a second writer got the lock");
        assertTrue(StateLock.await(state, java.time.Duration.ofMillis(300)).isEmpty(), "waited past a held lock");
        first.close();
        try (StateLock again = StateLock.tryAcquire(state).orElseThrow()) {
            assertTrue(state.resolve(StateLock.FILE).toFile().isFile());
        }
    }

    @Test
    void aWaitingWriterGetsTheLockOnceTheHolderLetsGo() throws Exception {
        StateLock first = StateLock.tryAcquire(state).orElseThrow();
        ScheduledExecutorService exiting = Executors.newSingleThreadScheduledExecutor();
        try {
            // the previous holder is still exiting when the new one starts waiting
            exiting.schedule(first::close, 500, TimeUnit.MILLISECONDS);
            try (StateLock next = StateLock.await(state, Duration.ofSeconds(20)).orElseThrow()) {
                assertTrue(StateLock.tryAcquire(state).isEmpty(), "the waiting writer does not hold the lock");
            }
        } finally {
            exiting.shutdownNow();
        }
    }

    @Test
    void noWaitMeansOneTry() {
        try (StateLock first = StateLock.tryAcquire(state).orElseThrow()) {
            assertTrue(StateLock.await(state, Duration.ZERO).isEmpty());
        }
        try (StateLock free = StateLock.await(state, Duration.ZERO).orElseThrow()) {
            assertTrue(state.resolve(StateLock.FILE).toFile().isFile());
        }
    }
}
