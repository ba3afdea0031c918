package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
}
