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
    public record Stored(String name, long size, String sha256) {
    }

    /** One artifact of a listing. */
    public record Entry(String name, long size, Instant modifiedAt) {
    }

    /** An artifact opened for reading; the size is the opened file's, whatever is renamed over it later. */
    public record Opened(InputStream in, long size) {
    }

    private final Path root;

    public ArtifactStore(Path artifactsRoot) {
        this.root = artifactsRoot;
    }

    Path root() {
        return root;
    }

    public Path folder(long buildId) {
        return root.resolve(Long.toString(buildId));
    }

    /** @throws TooLargeException when the body holds more than {@code maxBytes} */
    public Stored put(long buildId, String name, InputStream in, long maxBytes) throws IOException {
        AtomicFiles.Written w = AtomicFiles.write(file(buildId, name), in, maxBytes);
        return new Stored(name, w.size(), w.sha256());
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
