package dev.sparky.ui.jobapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.ui.error.RequestRefusedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StashBodyTest {
    static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAnyOneJsonValue() {
        for (String ok : new String[] {"{\"n\":1}", "[1,2]", "42", "\"text\"", "null"}) {
            assertEquals(ok, new String(StashBody.read(in(ok), 100), StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesNonJsonEmptyTrailingAndOversize() {
        assertEquals(
                400,
                assertThrows(RequestRefusedException.class, () -> StashBody.read(in("{"), 100))
                        .kind()
                        .status());
        assertEquals(
                400,
                assertThrows(RequestRefusedException.class, () -> StashBody.read(in(""), 100))
                        .kind()
                        .status());
        assertEquals(
                400,
                assertThrows(RequestRefusedException.class, () -> StashBody.read(in("1 2"), 100))
                        .kind()
                        .status());
        assertEquals(
                413,
                assertThrows(RequestRefusedException.class, () -> StashBody.read(in("\"" + "x".repeat(99) + "\""), 100))
                        .kind()
                        .status());
    }

    @Test
    void prettyPrintsForPagesAndFallsBackToText() {
        assertTrue(
                StashBody.pretty("{\"n\":1}".getBytes(StandardCharsets.UTF_8)).contains("\"n\" : 1"));
        assertEquals("not json", StashBody.pretty("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void limitedStreamCountsAndTellsWhyItStopped() throws IOException {
        var limited = new LimitedInputStream(new ByteArrayInputStream(new byte[10]), 8);
        byte[] buf = new byte[4];
        assertEquals(4, limited.read(buf, 0, 4));
        assertEquals(4, limited.read(buf, 0, 4));
        assertThrows(IOException.class, () -> limited.read(buf, 0, 4));
        assertTrue(limited.exceeded());
        var ok = new LimitedInputStream(new ByteArrayInputStream(new byte[8]), 8);
        assertEquals(8, ok.readAllBytes().length);
        assertTrue(!ok.exceeded() && ok.readFailure() == null);
    }
}
