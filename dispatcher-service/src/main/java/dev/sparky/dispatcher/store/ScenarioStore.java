package dev.sparky.dispatcher.store;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.SentScenario;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The scenario a build was sent with (Sparky's {@code POST /queue}: its parent's {@code sparrowfile}), as
 * {@code scenarios/<build id>.json}: written by the engine when it records the build, read at each hand-out,
 * removed with the build's other files.
 */
public final class ScenarioStore {
    static final String SUFFIX = ".json";
    private final Path root;

    public ScenarioStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    private Path file(long buildId) {
        return root.resolve(buildId + SUFFIX);
    }

    public void put(long buildId, SentScenario scenario) throws IOException {
        AtomicFiles.write(file(buildId), new ByteArrayInputStream(Json.write(scenario)), Long.MAX_VALUE);
    }

    public Optional<SentScenario> get(long buildId) throws IOException {
        try {
            return Optional.of(Json.read(Files.readAllBytes(file(buildId)), SentScenario.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void delete(long buildId) throws IOException {
        Files.deleteIfExists(file(buildId));
    }
}
