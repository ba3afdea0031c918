package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log chunks land once, at their offset, in their attempt's file. */
class LogChunkTest {
    @TempDir
    Path home;

    EngineFixture f;
    long id;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("hello", "concurrency: 1\n");
        f.apply(f.request("hello", "a", Map.of()));
        id = f.build("hello", "a").orElseThrow().id();
        f.apply(f.started("r1", id, 1));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String log(int attempt) throws Exception {
        return Files.readString(home.resolve("state/logs/" + id + "/" + attempt + ".log"), StandardCharsets.UTF_8);
    }

    @Test
    void chunkSeenTwiceIsWrittenOnce() throws Exception {
        f.apply(f.chunk("r1", id, 1, 0, "one\n"), f.chunk("r1", id, 1, 4, "two\n"));
        f.apply(f.chunk("r1", id, 1, 0, "one\n"), f.chunk("r1", id, 1, 4, "two\n"), f.chunk("r1", id, 1, 8, "3\n"));
        assertEquals("one\ntwo\n3\n", log(1));
        assertEquals(10, f.build(id).logBytes());
        assertEquals(10, f.attempts(id).get(0).logBytes());
    }

    @Test
    void chunksInJsonFromOlderRunnersAreStillWritten() throws Exception {
        f.apply(f.jsonChunk("r1", id, 1, 0, "old\n"), f.chunk("r1", id, 1, 4, "new\n"));
        assertEquals("old\nnew\n", log(1));
    }

    @Test
    void aChunkWithABrokenHeaderIsSkippedAndTheRestOfTheBatchApplies() throws Exception {
        Inbound good = f.chunk("r1", id, 1, 0, "kept\n");
        Inbound broken = f.chunk("r1", id, 1, 5, "lost\n");
        Map<String, String> headers = new HashMap<>(broken.headers());
        headers.put("sparky-offset", "five");
        f.apply(new Inbound(broken.topic(), 0, broken.offset(), "k", broken.value(), headers), good);
        assertEquals("kept\n", log(1));
        assertEquals(5, f.build(id).logBytes());
    }

    @Test
    void overlappingChunkAddsOnlyItsNewTail() throws Exception {
        f.apply(f.chunk("r1", id, 1, 0, "abc"), f.chunk("r1", id, 1, 1, "bcdef"));
        assertEquals("abcdef", log(1));
    }

    @Test
    void gapIsFilledAndReported() throws Exception {
        f.apply(f.chunk("r1", id, 1, 0, "ab"), f.chunk("r1", id, 1, 5, "XY"));
        assertEquals("ab   XY", log(1));
        assertTrue(f.syslog(id).stream().anyMatch(l -> l.contains("log gap: 3 bytes of attempt 1 missing")));
    }

    @Test
    void chunksOfStrangersAndUnknownAttemptsAreDropped() {
        f.apply(f.chunk("r2", id, 1, 0, "intruder"), f.chunk("r1", id, 7, 0, "ghost"));
        assertFalse(Files.exists(home.resolve("state/logs/" + id + "/7.log")));
        assertEquals(0, f.build(id).logBytes());
    }

    @Test
    void staleAttemptKeepsItsLateChunksInItsOwnFile() throws Exception {
        f.apply(f.chunk("r1", id, 1, 0, "first\n"));
        f.tick(Duration.ofSeconds(11));
        f.apply(f.started("r2", id, 2), f.chunk("r2", id, 2, 0, "second\n"), f.chunk("r1", id, 1, 6, "late\n"));
        assertEquals("first\nlate\n", log(1));
        assertEquals("second\n", log(2));
        assertEquals(7, f.build(id).logBytes(), "the build shows its current attempt's size");
    }

    @Test
    void chunksRenewTheLease() {
        f.clock.advance(Duration.ofSeconds(8));
        f.apply(f.chunk("r1", id, 1, 0, "x"));
        f.tick(Duration.ofSeconds(8));
        assertEquals("running", f.attempts(id).get(0).state());
    }
}
