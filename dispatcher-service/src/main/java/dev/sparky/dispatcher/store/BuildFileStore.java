package dev.sparky.dispatcher.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One small file per build, {@code <root>/<build id>.json}, written through a temp file and an atomic rename, and
 * removed with the build's other files. The state folder has two: the stash ({@link StashStore}) and the scenario a
 * build was sent with ({@link BuildFiles#scenarios()}).
 */
public class BuildFileStore {
    static final String SUFFIX = ".json";
    private final Path root;

    public BuildFileStore(Path root) {
        this.root = root;
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
        return read(file(buildId));
    }

    public void delete(long buildId) throws IOException {
        Files.deleteIfExists(file(buildId));
    }

    /** The file's bytes, or empty when there is none. */
    static Optional<byte[]> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
