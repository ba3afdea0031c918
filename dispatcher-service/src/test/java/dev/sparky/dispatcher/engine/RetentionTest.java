package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.dispatcher.store.BuildRow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keep_builds: the oldest terminal builds beyond N lose rows and files together; active builds stay. */
class RetentionTest {
    @TempDir
    Path home;

    EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Queues, starts (with a log line, an artifact and a stash) and ends one build; returns its id. */
    private long build(String project, String jobId, Outcome outcome) throws Exception {
        f.apply(f.request(project, jobId, Map.of()));
        long id = f.build(project, jobId).orElseThrow().id();
        f.apply(f.started("r1", id, 1), f.chunk("r1", id, 1, 0, "log of " + jobId + "\n"));
        f.files.artifacts().put(id, "report.txt", new ByteArrayInputStream(new byte[] {1, 2, 3}), 1024);
        f.files.stash().put(id, "{\"k\":1}".getBytes(StandardCharsets.UTF_8));
        f.apply(f.finished("r1", id, 1, outcome, outcome == Outcome.SUCCEEDED ? 0 : 1));
        return id;
    }

    private boolean hasFiles(long id) {
        return Files.exists(f.logs.file(id, 1))
                || Files.exists(f.files.artifacts().folder(id))
                || Files.exists(f.files.stash().file(id));
    }

    private boolean hasRows(long id) throws Exception {
        return f.repo.build(id).isPresent()
                || !f.attempts(id).isEmpty()
                || !f.syslog(id).isEmpty();
    }

    @Test
    void keepsTheNewestNAndRemovesOlderRowsAndFilesTogether() throws Exception {
        f.project("kept", "keep_builds: 2\n");
        long b1 = build("kept", "a", Outcome.SUCCEEDED);
        long b2 = build("kept", "b", Outcome.FAILED);
        assertTrue(hasRows(b1) && hasFiles(b1), "two builds: nothing removed yet");
        long b3 = build("kept", "c", Outcome.SUCCEEDED);
        long b4 = build("kept", "d", Outcome.SUCCEEDED);
        for (long gone : List.of(b1, b2)) {
            assertFalse(hasRows(gone), "build " + gone + " rows");
            assertFalse(hasFiles(gone), "build " + gone + " files");
        }
        for (long kept : List.of(b3, b4)) {
            assertTrue(f.repo.build(kept).isPresent());
            assertEquals(1, f.attempts(kept).size());
            assertTrue(Files.exists(f.logs.file(kept, 1)));
            assertEquals(1, f.files.artifacts().list(kept).size());
            assertTrue(f.files.stash().get(kept).isPresent());
        }
        assertEquals(
                List.of(b4, b3),
                f.queries.list("kept", null, null, 10).items().stream()
                        .map(BuildRow::id)
                        .toList());
    }

    @Test
    void queuedAndRunningBuildsAreNeverRemoved() throws Exception {
        f.project("busy", "keep_builds: 1\nconcurrency: 3\n");
        f.apply(f.request("busy", "long", Map.of()));
        long running = f.build("busy", "long").orElseThrow().id();
        f.apply(f.started("r9", running, 1));
        f.apply(f.request("busy", "waiting", Map.of())); // handed out, never started: still queued
        long done1 = build("busy", "x", Outcome.SUCCEEDED);
        long done2 = build("busy", "y", Outcome.SUCCEEDED);
        assertEquals(BuildState.RUNNING, f.build(running).state());
        assertEquals(BuildState.QUEUED, f.build("busy", "waiting").orElseThrow().state());
        assertTrue(f.repo.build(done2).isPresent());
        assertFalse(f.repo.build(done1).isPresent(), "only one terminal build is kept");
    }

    @Test
    void aBuildThatEndsAfterNewerOnesIsItselfBeyondN() throws Exception {
        f.project("late", "keep_builds: 1\nconcurrency: 2\n");
        f.apply(f.request("late", "old", Map.of()));
        long old = f.build("late", "old").orElseThrow().id();
        f.apply(f.started("r9", old, 1));
        long newer = build("late", "new", Outcome.SUCCEEDED);
        f.apply(f.finished("r9", old, 1, Outcome.SUCCEEDED, 0));
        assertFalse(f.repo.build(old).isPresent(), "the newest N by build id are kept");
        assertTrue(f.repo.build(newer).isPresent());
    }

    @Test
    void withoutKeepBuildsEverythingIsKept() throws Exception {
        f.project("all", "concurrency: 1\n");
        long b1 = build("all", "a", Outcome.SUCCEEDED);
        build("all", "b", Outcome.SUCCEEDED);
        build("all", "c", Outcome.SUCCEEDED);
        assertTrue(hasRows(b1) && hasFiles(b1));
    }

    @Test
    void startUpSweepRemovesFilesOfDeletedBuildsOnly() throws Exception {
        f.project("p", "concurrency: 1\n");
        long kept = build("p", "a", Outcome.SUCCEEDED);
        long orphan = 4242; // as if a crash hit between the retention commit and the file deletion
        Files.createDirectories(f.logs.file(orphan, 1).getParent());
        Files.writeString(f.logs.file(orphan, 1), "old\n");
        f.files.artifacts().put(orphan, "x.bin", new ByteArrayInputStream(new byte[10]), 100);
        f.files.stash().put(orphan, "{}".getBytes(StandardCharsets.UTF_8));
        Path staleTemp = f.files.artifacts().folder(kept).resolve(".tmp-cut-off.part");
        Files.writeString(staleTemp, "half");
        Files.setLastModifiedTime(
                staleTemp,
                java.nio.file.attribute.FileTime.from(f.clock.instant().minusSeconds(7200)));

        f.engine.start();

        assertFalse(hasFiles(orphan));
        assertFalse(Files.exists(staleTemp));
        assertTrue(hasFiles(kept));
        assertEquals(1, f.files.artifacts().list(kept).size());
    }
}
