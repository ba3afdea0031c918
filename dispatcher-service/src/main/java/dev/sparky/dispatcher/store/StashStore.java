package dev.sparky.dispatcher.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON stash of each build as {@code stash/<build id>.json}, written by the HTTP API threads through a
 * temp file and an atomic rename (files only, never the database).
 */
public final class StashStore {
    static final String SUFFIX = ".json";
    private final Path root;

    public StashStore(Path stashRoot) {
        this.root = stashRoot;
    }

    Path root() {
        return root;
    }

    public Path file(long buildId) {
        return root.resolve(buildId + SUFFIX);
    }

    public void put(long buildId, byte[] json) throws IOException {
        AtomicFiles.write(file(buildId), new ByteArrayInputStream(json), Long.MAX_VALUE);
    }

    public Optional<byte[]> get(long buildId) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(buildId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void delete(long buildId) throws IOException {
        Files.deleteIfExists(file(buildId));
    }
}
