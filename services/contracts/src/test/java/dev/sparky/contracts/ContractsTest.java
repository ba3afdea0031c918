package dev.sparky.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.RunnerEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractsTest {
    @Test
    void projectNamesFollowTheSpecPattern() {
        assertTrue(Names.isValidProject("hello"));
        assertTrue(Names.isValidProject("a.b_c-1"));
        for (String bad : new String[] {"", "../x", "a/b", ".hidden", "-dash", "a b", "a..b", "x".repeat(101)}) {
            assertFalse(Names.isValidProject(bad), bad);
        }
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> Names.requireProject("a/\nb"));
        assertTrue(e.getMessage().contains("a/?b"), "control characters are not echoed: " + e.getMessage());
    }

    @Test
    void aPublicBuildRequestIsReadWithUnknownFieldsIgnored() {
        String json = "{\"schemaVersion\":1,\"project\":\"hello\",\"params\":{\"A\":\"1\",\"N\":2},\"extra\":true}";
        BuildRequest r = Json.read(json.getBytes(StandardCharsets.UTF_8), BuildRequest.class)
                .validate();
        assertEquals("hello", r.project());
        assertEquals(Map.of("A", "1", "N", "2"), r.params());
    }

    @Test
    void invalidRequestsSayWhichFieldIsWrong() {
        assertEquals(
                "build request: field 'project' is required",
                assertThrows(
                                MalformedEventException.class,
                                () -> Json.read("{\"schemaVersion\":1}".getBytes(), BuildRequest.class)
                                        .validate())
                        .getMessage());
        String future = "{\"schemaVersion\":7,\"project\":\"hello\"}";
        assertTrue(assertThrows(
                        MalformedEventException.class,
                        () -> Json.read(future.getBytes(), BuildRequest.class).validate())
                .getMessage()
                .contains("newer"));
        assertThrows(MalformedEventException.class, () -> Json.read("not json".getBytes(), BuildRequest.class));
        String badParam = "{\"schemaVersion\":1,\"project\":\"p\",\"params\":{\"no-dash\":\"x\"}}";
        assertTrue(assertThrows(
                        MalformedEventException.class,
                        () -> Json.read(badParam.getBytes(), BuildRequest.class).validate())
                .getMessage()
                .contains("no-dash"));
    }

    @Test
    void runnerEventsRoundTripWithTheirTypeAndRawBytes() {
        byte[] raw = {0, (byte) 0xff, 27, '[', '3', '1', 'm'};
        byte[] json = Json.write(LogChunk.of("runner-1", 7, 1, 42, raw));
        RunnerEvent back = Json.read(json, RunnerEvent.class);
        LogChunk chunk = assertInstanceOf(LogChunk.class, back);
        assertArrayEquals(raw, chunk.data(), "binary and invalid UTF-8 bytes survive");
        assertEquals(42, chunk.offset());
    }

    @Test
    void statesCarrySparkyCodes() {
        assertEquals(-2, BuildState.QUEUED.sparkyCode());
        assertEquals(0, BuildState.RUNNING.sparkyCode());
        assertEquals(1, BuildState.SUCCEEDED.sparkyCode());
        assertEquals(-1, BuildState.FAILED.sparkyCode());
        assertEquals(-11, BuildState.CANCELLED.sparkyCode());
        assertEquals(-11, BuildState.TIMED_OUT.sparkyCode());
        assertEquals("\"timed_out\"", new String(Json.write(BuildState.TIMED_OUT), StandardCharsets.UTF_8));
    }
}
