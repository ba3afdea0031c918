package dev.sparky.runner.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project caches on the disk, with the real tar: round trip, refusals, and saves racing each other. */
class BuildCacheTest {
    @TempDir
    Path tmp;

    private final List<String> lines = new ArrayList<>();

    private BuildCache cache(String runnerId) {
        return new BuildCache(tmp.resolve("cache"), runnerId, Duration.ofMinutes(1));
    }

    private Path workspace(String name) throws IOException {
        return Files.createDirectories(tmp.resolve("work").resolve(name));
    }

    @Test
    void aSavedPathIsRestoredWholeIntoTheNextWorkspace() throws IOException {
        Path ws = workspace("one");
        Files.createDirectories(ws.resolve("node_modules/pkg/bin"));
        Files.writeString(ws.resolve("node_modules/pkg/index.js"), "x".repeat(2048));
        Path tool = Files.writeString(ws.resolve("node_modules/pkg/bin/tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(ws.resolve("node_modules/.bin"), Path.of("pkg/bin"));
        Files.createSymbolicLink(ws.resolve("node_modules/passwd"), Path.of("/etc/passwd"));
        cache("r1").save("web", List.of("node_modules"), ws, List.of(), lines::add);

        Path archive = cache("r1").archive("web", "node_modules");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        Path next = workspace("two");
        cache("r2").restore("web", List.of("node_modules"), next, List.of(), lines::add);
        assertEquals(List.of("cache: saved node_modules (2 KB)", "cache: restored node_modules (2 KB)"), lines);
        assertEquals("x".repeat(2048), Files.readString(next.resolve("node_modules/pkg/index.js")));
        assertTrue(Files.isExecutable(next.resolve("node_modules/pkg/bin/tool")));
        assertEquals(Path.of("pkg/bin"), Files.readSymbolicLink(next.resolve("node_modules/.bin")));
        assertTrue(Files.isSymbolicLink(next.resolve("node_modules/passwd")), "links are stored, not followed");
        assertEquals("node_modules\n", Files.readString(archive.resolveSibling("path")));
    }

    @Test
    void aMissingCacheIsOnlyALine() throws IOException {
        Path ws = workspace("one");
        cache("r1").restore("web", List.of("node_modules"), ws, List.of(), lines::add);
        assertEquals(List.of("cache: no cache for node_modules yet"), lines);
        assertFalse(Files.exists(ws.resolve("node_modules")));
    }

    @Test
    void symbolicLinksOnThePathAndMissingPathsAreNotSaved() throws IOException {
        Path ws = workspace("one");
        Path outside = Files.createDirectories(tmp.resolve("outside/deps"));
        Files.writeString(outside.resolve("secret"), "not for the cache");
        Files.createSymbolicLink(ws.resolve("node_modules"), outside);
        Files.createSymbolicLink(ws.resolve("a"), tmp.resolve("outside"));
        cache("r1").save("web", List.of("node_modules", "a/deps", "target"), ws, List.of(), lines::add);
        assertEquals(
                List.of(
                        "cache: node_modules not saved: it is a symbolic link",
                        "cache: a/deps not saved: a is a symbolic link",
                        "cache: target not saved: not in the workspace"),
                lines);
        assertFalse(Files.exists(tmp.resolve("cache")), "nothing written");
    }

    @Test
    void aDamagedArchiveIsNotRestoredAndLeavesNothingHalfDone() throws IOException {
        Path archive = cache("r1").archive("web", "node_modules");
        Files.createDirectories(archive.getParent());
        Files.write(archive, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Path ws = workspace("one");
        cache("r1").restore("web", List.of("node_modules"), ws, List.of(), lines::add);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("cache: node_modules not restored: tar failed"), lines.get(0));
        assertFalse(Files.exists(ws.resolve("node_modules")));
    }

    @Test
    void staleTempFilesOfADeadRunnerAreRemovedOnTheNextSave() throws IOException {
        Path ws = workspace("one");
        Files.createDirectories(ws.resolve("deps"));
        Path folder = Files.createDirectories(cache("r1").archive("web", "deps").getParent());
        Path stale = Files.writeString(folder.resolve(".cache.tar.gz.dead.123.tmp"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Path fresh = Files.writeString(folder.resolve(".cache.tar.gz.busy.456.tmp"), "being written");
        cache("r1").save("web", List.of("deps"), ws, List.of(), lines::add);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh), "another runner may be writing it right now");
    }

    /**
     * Two runners save different contents of the same path over and over while a third restores: every restore
     * sees one save whole (all files, all from the same writer), never a mix or a cut archive.
     */
    @Test
    void concurrentSavesNeverCorruptTheCacheForReaders() throws Exception {
        Path wsA = content(workspace("a"), "A");
        Path wsB = content(workspace("b"), "B");
        cache("first").save("web", List.of("deps"), wsA, List.of(), s -> {});
        ExecutorService pool = Executors.newFixedThreadPool(3);
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        Future<?> a = pool.submit(() -> saveUntil(cache("ra"), wsA, until));
        Future<?> b = pool.submit(() -> saveUntil(cache("rb"), wsB, until));
        Future<?> reader = pool.submit(() -> {
            for (int i = 0; System.nanoTime() < until; i++) {
                Path ws = workspace("read" + i);
                List<String> said = new ArrayList<>();
                cache("reader").restore("web", List.of("deps"), ws, List.of(), said::add);
                assertTrue(said.get(0).startsWith("cache: restored deps"), said.toString());
                seen.add(writerOf(ws.resolve("deps")));
            }
            return null;
        });
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);
        reader.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertTrue(seen.size() > 5, "the reader ran " + seen.size() + " times");
        assertTrue(Set.of("A", "B").containsAll(seen), seen::toString);
        try (Stream<Path> left = Files.list(cache("x").archive("web", "deps").getParent())) {
            assertEquals(
                    Set.of("cache.tar.gz", "path"),
                    left.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    private static Path content(Path ws, String writer) throws IOException {
        Path deps = Files.createDirectories(ws.resolve("deps"));
        for (int i = 0; i < 40; i++) {
            // Incompressible-ish and large enough that a save takes a while.
            Files.writeString(
                    deps.resolve("f" + i),
                    writer
                            + Long.toHexString(Double.doubleToLongBits(Math.random()))
                                    .repeat(2000));
        }
        return ws;
    }

    private Void saveUntil(BuildCache cache, Path ws, long until) {
        while (System.nanoTime() < until) {
            List<String> said = new ArrayList<>();
            cache.save("web", List.of("deps"), ws, List.of(), said::add);
            assertTrue(said.get(0).startsWith("cache: saved deps"), said.toString());
        }
        return null;
    }

    /** The one writer all 40 files come from; fails on a mix or a missing file. */
    private static String writerOf(Path deps) throws IOException {
        Set<String> writers = new TreeSet<>();
        for (int i = 0; i < 40; i++) {
            writers.add(Files.readString(deps.resolve("f" + i)).substring(0, 1));
        }
        assertEquals(1, writers.size(), "files from several saves: " + writers);
        return writers.iterator().next();
    }
}
