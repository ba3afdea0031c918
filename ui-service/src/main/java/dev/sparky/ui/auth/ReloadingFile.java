package dev.sparky.ui.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A small configuration file read again when it changes (time or size), looked at no more than once a
 * second. A file that cannot be parsed keeps the last good content, and says why once per change: a
 * Kubernetes Secret being rewritten must not lock everyone out for a moment.
 *
 * @param <T> what the file is parsed into
 */
final class ReloadingFile<T> {
    private static final Logger LOG = Logger.getLogger(ReloadingFile.class);
    private static final long CHECK_EVERY_MS = 1000;

    private record Stamp(long modified, long size) {}

    private final Path path;
    private final Clock clock;
    private final Function<String, T> parser;
    private final T whenMissing;
    private volatile T current;
    private volatile Stamp stamp;
    private volatile long checkedAt = Long.MIN_VALUE;

    ReloadingFile(Path path, Clock clock, Function<String, T> parser, T whenMissing) {
        this.path = path;
        this.clock = clock;
        this.parser = parser;
        this.whenMissing = whenMissing;
        this.current = whenMissing;
    }

    Path path() {
        return path;
    }

    /** The parsed content, or {@code whenMissing} while there is no file. */
    T get() {
        long now = clock.millis();
        if (now - checkedAt >= CHECK_EVERY_MS || checkedAt == Long.MIN_VALUE) {
            synchronized (this) {
                if (now - checkedAt >= CHECK_EVERY_MS || checkedAt == Long.MIN_VALUE) {
                    reloadIfChanged();
                    checkedAt = now;
                }
            }
        }
        return current;
    }

    private void reloadIfChanged() {
        Stamp now;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            now = new Stamp(a.lastModifiedTime().toMillis(), a.size());
        } catch (NoSuchFileException e) {
            now = null;
        } catch (IOException e) {
            LOG.warnf("cannot read %s (%s); keeping what was read before", path, e.getMessage());
            return;
        }
        if (Objects.equals(now, stamp)) {
            return;
        }
        stamp = now;
        if (now == null) {
            current = whenMissing;
            return;
        }
        try {
            current = parser.apply(Files.readString(path));
            LOG.infof("read %s", path);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("%s is not valid, keeping what was read before: %s", path, e.getMessage());
        }
    }
}
