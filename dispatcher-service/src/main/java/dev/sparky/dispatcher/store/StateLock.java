package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The one writer of a state folder holds an exclusive lock on {@code <state>/writer.lock} for as long as it
 * writes: the dispatcher while it runs, {@code sparky import} while it imports. The other one then refuses to
 * start instead of writing behind the holder's back. The operating system drops the lock when the process ends,
 * however it ends, so there is no stale lock to clean up.
 */
public final class StateLock implements AutoCloseable {
    public static final String FILE = "writer.lock";

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
            FileChannel ch = FileChannel.open(stateDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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

    /** {@link #tryAcquire}, tried again for up to {@code wait} (a previous holder may still be exiting). */
    public static Optional<StateLock> await(Path stateDir, java.time.Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        Optional<StateLock> lock = tryAcquire(stateDir);
        while (lock.isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            lock = tryAcquire(stateDir);
        }
        return lock;
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
