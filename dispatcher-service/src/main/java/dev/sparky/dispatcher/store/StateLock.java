package dev.sparky.dispatcher.store;

import io.smallrye.faulttolerance.api.TypedGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one writer of a state folder holds an exclusive lock on {@code <state>/writer.lock} for as long as it
 * writes: the dispatcher while it runs, {@code sparky import} while it imports. The other one then refuses to
 * start instead of writing behind the holder's back. The operating system drops the lock when the process ends,
 * however it ends, so there is no stale lock to clean up.
 */
public final class StateLock implements AutoCloseable {
    public static final String FILE = "writer.lock";
    private static final long RETRY_PAUSE_MS = 200;

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the lock, or empty when another process (or this one) holds it */
    public static Optional<StateLock> tryAcquire(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            FileChannel ch =
                    FileChannel.open(stateDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new StateLock(ch, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the state folder " + stateDir, e);
        }
    }

    /**
     * {@link #tryAcquire}, tried again every 200 ms for up to {@code wait} (a previous holder may still be
     * exiting): a SmallRye Fault Tolerance retry on {@link Busy}.
     */
    public static Optional<StateLock> await(Path stateDir, Duration wait) {
        TypedGuard<StateLock> guard = TypedGuard.create(StateLock.class)
                .withDescription("state folder lock")
                .withRetry()
                .retryOn(Busy.class)
                .maxRetries(wait.toMillis() > RETRY_PAUSE_MS ? -1 : 0)
                .delay(RETRY_PAUSE_MS, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(Math.max(wait.toMillis(), RETRY_PAUSE_MS + 1), ChronoUnit.MILLIS)
                .done()
                .build();
        try {
            return Optional.of(guard.call(() -> tryAcquire(stateDir).orElseThrow(Busy::new)));
        } catch (Busy e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // interrupted while waiting: give up as the caller is stopping
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Another process (or this one) holds the lock. */
    private static final class Busy extends Exception {
        Busy() {
            super("the state folder lock is held", null, false, false);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel closes next, which releases it anyway
        }
        Database.closeQuietly(channel);
    }
}
