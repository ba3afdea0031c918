package dev.sparky.contracts.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.SchemaVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scenario sent with its build request: bounded, no NUL, only the runner's flags. */
class SentScenarioTest {

    private static BuildRequest request(SentScenario s) {
        return new BuildRequest(
                SchemaVersion.CURRENT, "spawned_01", "j-1", null, Map.of(), "p@1", SentScenario.SOURCE, 1L, s);
    }

    @Test
    void aScenarioTravelsWithItsRequest() {
        BuildRequest r = request(new SentScenario("say 1;\n", Map.of("no_index_update", "true")))
                .validate();
        BuildRequest back = Json.read(Json.write(r), BuildRequest.class);
        assertEquals(r.scenario(), back.scenario());
        assertEquals(
                null,
                Json.read(Json.write(BuildRequest.of("p", "j", null, Map.of(), "a", "api")), BuildRequest.class)
                        .scenario(),
                "a request without one reads as before");
    }

    @Test
    void anOversizedEmptyOrNulScenarioIsRefused() {
        var e = assertThrows(
                MalformedEventException.class,
                () -> request(new SentScenario("x".repeat(SentScenario.MAX_BYTES + 1), Map.of()))
                        .validate());
        assertTrue(e.getMessage().contains("more than the 524288 bytes"), e.getMessage());
        assertThrows(
                MalformedEventException.class,
                () -> request(new SentScenario(" ", Map.of())).validate());
        assertThrows(
                MalformedEventException.class,
                () -> request(new SentScenario("a\0b", Map.of())).validate());
    }

    @Test
    void onlyTheRunnersFlagsMayBeSet() {
        var e = assertThrows(
                MalformedEventException.class,
                () -> request(new SentScenario("say 1;", Map.of("host", "192.0.2.1")))
                        .validate());
        assertTrue(e.getMessage().contains("sparrowdo option 'host' cannot be set"), e.getMessage());
        assertThrows(
                MalformedEventException.class,
                () -> request(new SentScenario("say 1;", Map.of("verbose", "yes")))
                        .validate());
    }
}
