package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.dispatcher.store.OutboxRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic names come from configuration: the engine reads and writes the configured ones only. */
class TopicNamesTest {
    static final TopicNames CUSTOM =
            new TopicNames("t.requests", "t.dlq", "t.events", "t.commands", "t.jobs", "t.runner-events", "t.control");

    @TempDir
    Path home;

    @Test
    void theEngineConsumesAndProducesTheConfiguredTopics() {
        EngineSettings settings = new EngineSettings(
                EngineSettings.defaults().lease(),
                1024,
                EngineSettings.defaults().handOutInterval(),
                CUSTOM,
                EngineSettings.DEFAULT_PUBLIC_URL);
        try (EngineFixture f = new EngineFixture(home, Instant.parse("2026-01-01T10:00:00Z"), settings)) {
            f.project("p", "downstream: p2\n").project("p2", "");
            assertEquals(List.of("t.requests", "t.commands", "t.runner-events"), f.engine.inputTopics());
            byte[] request = Json.write(BuildRequest.of("p", "a", "d", Map.of(), "me", "api"));
            f.apply(f.record("sparky.build-requests", "p", request)); // the default name is not ours: ignored
            assertEquals(true, f.build("p", "a").isEmpty());
            f.apply(
                    f.record("t.requests", "p", request),
                    f.record(
                            "t.requests",
                            "nope",
                            Json.write(BuildRequest.of("nope", "b", "d", Map.of(), "me", "api"))));
            long id = f.build("p", "a").orElseThrow().id();
            f.apply(f.record(
                    "t.runner-events",
                    "k",
                    Json.write(dev.sparky.contracts.events.BuildStarted.of("r1", id, 1, List.of()))));
            f.apply(f.record(
                    "t.runner-events",
                    "k",
                    Json.write(dev.sparky.contracts.events.BuildFinished.of(
                            "r1", id, 1, dev.sparky.contracts.events.BuildFinished.Outcome.SUCCEEDED, 0, 0, null))));
            Set<String> topics = f.drainOutbox().stream().map(OutboxRow::topic).collect(Collectors.toSet());
            assertEquals(Set.of("t.dlq", "t.events", "t.jobs", "t.requests"), topics);
        }
    }

    @Test
    void defaultsAreTheContractConstants() {
        assertEquals("sparky.build-requests.dlq", TopicNames.defaults().buildRequestsDlq());
        assertEquals("t.jobs", CUSTOM.resolve("sparky.jobs"));
    }
}
