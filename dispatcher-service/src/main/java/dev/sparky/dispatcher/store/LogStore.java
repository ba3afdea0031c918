package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attempt logs as files {@code logs/<build id>/<attempt>.log}. The file size is the truth for idempotence:
 * a chunk is appended only where the file ends, so a chunk applied twice (after a crash between the file
 * write and the Kafka commit) is written once. Writes happen on the engine thread; files written in a batch
 * stay open until {@link #syncTouched()} forces them to disk after the database commit.
 */
public final class LogStore {
    /** What happened to a chunk. */
    public enum Outcome {
        APPENDED,
        /** Already in the file (duplicate delivery): nothing written. */
        DUPLICATE,
        /** The chunk starts beyond the end of the file: the missing bytes were filled with spaces. */
        GAP,
        /** The file reached the cap: nothing written. */
        CAPPED
    }

    /** The outcome and the file size after it. */
    public record Append(Outcome outcome, long size, long missingBytes) {}

    private static final byte FILL = ' ';
    private static final int COPY_BUFFER = 256 * 1024;
    private final Path root;
    private final Map<Path, FileChannel> touched = new LinkedHashMap<>();

    public LogStore(Path logsRoot) {
        this.root = logsRoot;
    }

    Path root() {
        return root;
    }

    public Path file(long buildId, int attempt) {
        return root.resolve(Long.toString(buildId)).resolve(attempt + ".log");
    }

    public long size(long buildId, int attempt) {
        try {
            return Files.size(file(buildId, attempt));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Engine thread only. */
    public Append append(long buildId, int attempt, long offset, byte[] data, long capBytes) {
        try {
            FileChannel ch = channel(file(buildId, attempt));
            long size = ch.size();
            long end = offset + data.length;
            if (end <= size) {
                return new Append(Outcome.DUPLICATE, size, 0);
            }
            if (size >= capBytes) {
                return new Append(Outcome.CAPPED, size, 0);
            }
            long missing = Math.max(0, offset - size);
            if (missing > 0) {
                byte[] fill = new byte[(int) Math.min(missing, capBytes - size)];
                Arrays.fill(fill, FILL);
                writeAt(ch, size, fill, 0);
                size += fill.length;
            }
            int skip = (int) Math.max(0, size - offset);
            writeAt(ch, size, data, skip);
            return new Append(missing > 0 ? Outcome.GAP : Outcome.APPENDED, ch.size(), missing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log of build " + buildId + " attempt " + attempt, e);
        }
    }

    /** Forces every file written since the last call to disk and closes it. Engine thread only. */
    public void syncTouched() {
        IOException first = null;
        for (FileChannel ch : touched.values()) {
            try {
                ch.force(true);
            } catch (IOException e) {
                first = first == null ? e : first;
            } finally {
                Database.closeQuietly(ch);
            }
        }
        touched.clear();
        if (first != null) {
            throw new UncheckedIOException("cannot sync build logs to disk", first);
        }
    }

    /** Removes the build's log folder, closing files of it written in this batch first. Engine thread only. */
    public void delete(long buildId) throws IOException {
        Path dir = root.resolve(Long.toString(buildId));
        touched.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(dir)) {
                Database.closeQuietly(e.getValue());
                return true;
            }
            return false;
        });
        AtomicFiles.deleteTree(dir);
    }

    /** Reads up to {@code limit} bytes from {@code offset}; any thread. */
    public byte[] read(long buildId, int attempt, long offset, int limit) {
        Path f = file(buildId, attempt);
        if (!Files.exists(f) || limit <= 0) {
            return new byte[0];
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset >= size) {
                return new byte[0];
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(limit, size - offset));
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                // keep reading: a read may return fewer bytes than asked
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of build " + buildId + " attempt " + attempt, e);
        }
    }

    /**
     * Writes {@code bytes} of an attempt's log from its start to {@code out} (fewer if the file is shorter), in
     * file-sized steps rather than one array: a log of any size costs a 256 KiB buffer. Any thread.
     */
    public void copy(long buildId, int attempt, long bytes, OutputStream out) throws IOException {
        Path f = file(buildId, attempt);
        if (bytes <= 0 || !Files.exists(f)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(COPY_BUFFER);
            long left = bytes;
            long position = 0;
            while (left > 0) {
                buf.clear().limit((int) Math.min(COPY_BUFFER, left));
                int n = ch.read(buf, position);
                if (n <= 0) {
                    return;
                }
                out.write(buf.array(), 0, n);
                position += n;
                left -= n;
            }
        }
    }

    private FileChannel channel(Path f) throws IOException {
        FileChannel ch = touched.get(f);
        if (ch == null) {
            Files.createDirectories(f.getParent());
            ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            touched.put(f, ch);
        }
        return ch;
    }

    private static void writeAt(FileChannel ch, long position, byte[] data, int from) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data, from, data.length - from);
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }
}
