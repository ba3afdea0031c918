package dev.sparky.dispatcher.store;

import dev.sparky.contracts.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Build artifacts as files {@code artifacts/<build id>/<name>}. Written by the HTTP API threads (files only,
 * never the database), each through a temp file and an atomic rename, so a download never sees half a file.
 * Names follow the job-id pattern, so they cannot leave the folder.
 */
public final class ArtifactStore {
    /** What an upload stored. */
    public record Stored(String name, long size, String sha256) {}

    /** One artifact of a listing. */
    public record Entry(String name, long size, Instant modifiedAt) {}

    /** An artifact opened for reading; the size is the opened file's, whatever is renamed over it later. */
    public record Opened(InputStream in, long size) {}

    /**
     * What one build may keep: at most {@code maxCount} artifacts of at most {@code maxTotalBytes} together.
     * Replacing an artifact counts its new size instead of its old.
     */
    public record Quota(long maxTotalBytes, int maxCount) {
        public static final Quota NONE = new Quota(Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    private final Path root;
    private final Quota quota;
    /** One lock per build folder, held only to check the quota and rename, never while bytes stream in. */
    private final java.util.concurrent.ConcurrentHashMap<Long, Object> locks =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ArtifactStore(Path artifactsRoot) {
        this(artifactsRoot, Quota.NONE);
    }

    public ArtifactStore(Path artifactsRoot, Quota quota) {
        this.root = artifactsRoot;
        this.quota = quota;
    }

    Path root() {
        return root;
    }

    public Path folder(long buildId) {
        return root.resolve(Long.toString(buildId));
    }

    /**
     * Stores an artifact. The build's other artifacts are checked against the quota before the bytes are read
     * (the upload may use what room is left) and again, under the build's lock, before the file is renamed into
     * place, so concurrent uploads cannot pass it together. A refused upload leaves nothing behind and the
     * build's earlier artifacts as they were.
     *
     * @throws TooLargeException when the body holds more than {@code maxBytes}
     * @throws ArtifactQuotaException when the build would have too many artifacts or bytes
     */
    public Stored put(long buildId, String name, InputStream in, long maxBytes) throws IOException {
        long room = room(buildId, name, 0);
        AtomicFiles.Written w;
        try {
            w = AtomicFiles.write(file(buildId, name), in, Math.min(maxBytes, room), (size, move) -> {
                synchronized (locks.computeIfAbsent(buildId, id -> new Object())) {
                    room(buildId, name, size);
                    move.run();
                }
            });
        } catch (TooLargeException e) {
            if (room < maxBytes) {
                throw totalExceeded(buildId, name);
            }
            throw e;
        }
        return new Stored(name, w.size(), w.sha256());
    }

    /** Bytes the build may still store as {@code name}, after {@code adding} more; refuses when none are left. */
    private long room(long buildId, String name, long adding) throws IOException {
        long others = 0;
        int count = 0;
        for (Entry e : list(buildId)) {
            if (!e.name().equals(name)) {
                others += e.size();
                count++;
            }
        }
        if (count >= quota.maxCount()) {
            throw new ArtifactQuotaException("build " + buildId + " already has " + count + " artifacts, the most one "
                    + "build may keep (sparky.dispatcher.artifact-max-count); artifact " + name + " was not stored");
        }
        long room = quota.maxTotalBytes() - others;
        if (room < Math.max(1, adding)) {
            throw totalExceeded(buildId, name);
        }
        return room;
    }

    private ArtifactQuotaException totalExceeded(long buildId, String name) {
        return new ArtifactQuotaException("artifact " + name + " would take the artifacts of build " + buildId
                + " past " + quota.maxTotalBytes() + " bytes together, the most one build may keep "
                + "(sparky.dispatcher.artifact-max-total-size); it was not stored");
    }

    /** Sorted by name; empty when the build has none. */
    public List<Entry> list(long buildId) throws IOException {
        Path dir = folder(buildId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(AtomicFiles.TEMP_PREFIX) || !Files.isRegularFile(f)) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    out.add(new Entry(name, a.size(), a.lastModifiedTime().toInstant()));
                } catch (NoSuchFileException e) {
                    // deleted while listing: not there any more
                }
            }
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    public Optional<Opened> open(long buildId, String name) throws IOException {
        try {
            FileChannel ch = FileChannel.open(file(buildId, name), StandardOpenOption.READ);
            return Optional.of(new Opened(Channels.newInputStream(ch), ch.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void delete(long buildId) throws IOException {
        AtomicFiles.deleteTree(folder(buildId));
    }

    private Path file(long buildId, String name) {
        Names.requireJobId(name); // the pattern keeps the name inside the build's folder
        return folder(buildId).resolve(name);
    }
}
