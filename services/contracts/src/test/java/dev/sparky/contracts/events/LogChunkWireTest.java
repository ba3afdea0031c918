package dev.sparky.contracts.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.MalformedEventException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogChunkWireTest {
    private final byte[] raw = {0, (byte) 0xff, 27, '[', '3', '1', 'm', '\n'};
    private final LogChunk chunk = LogChunk.of("runner-1", 7, 2, 65_536, raw);

    @Test
    void aChunkRoundTripsThroughHeadersAndItsRawBytes() {
        Map<String, String> headers = LogChunkWire.headers(chunk);
        assertTrue(LogChunkWire.isChunk(headers));
        LogChunk back = LogChunkWire.read(headers, raw);
        assertEquals(chunk.eventId(), back.eventId());
        assertEquals("runner-1", back.runnerId());
        assertEquals(chunk.at(), back.at());
        assertEquals(7, back.buildId());
        assertEquals(2, back.attempt());
        assertEquals(65_536, back.offset());
        assertEquals(1, back.schemaVersion());
        assertArrayEquals(raw, back.data(), "binary bytes and ANSI escapes travel as they are");
    }

    @Test
    void otherRecordsAreNotChunks() {
        assertFalse(LogChunkWire.isChunk(Map.of()));
        assertFalse(LogChunkWire.isChunk(Map.of(LogChunkWire.EVENT, "BuildFinished")));
    }

    @Test
    void anEmptyValueIsAnEmptyChunk() {
        assertEquals(0, LogChunkWire.read(LogChunkWire.headers(chunk), null).data().length);
    }

    @Test
    void aBrokenHeaderIsNamedInTheError() {
        assertEquals("log chunk record without header sparky-offset", broken(LogChunkWire.OFFSET, null));
        assertEquals("log chunk header sparky-build-id is not a number: many", broken(LogChunkWire.BUILD_ID, "many"));
        assertEquals("log chunk header sparky-offset is negative: -5", broken(LogChunkWire.OFFSET, "-5"));
        assertEquals(
                "log chunk header sparky-attempt is too large: 4294967296", broken(LogChunkWire.ATTEMPT, "4294967296"));
        assertTrue(broken(LogChunkWire.AT, "yesterday").startsWith("log chunk header sparky-at is not an ISO-8601"));
        assertEquals("log chunk record without header sparky-runner-id", broken(LogChunkWire.RUNNER_ID, " "));
    }

    private String broken(String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(LogChunkWire.headers(chunk));
        if (value == null) {
            headers.remove(header);
        } else {
            headers.put(header, value);
        }
        return assertThrows(MalformedEventException.class, () -> LogChunkWire.read(headers, raw))
                .getMessage();
    }
}
