package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue order and per-project concurrency: what is handed out, when, and with what. */
class QueueTest {
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

    @Test
    void concurrencyOneHandsOutOldestFirstAndOneAtATime() {
        f.project("hello", "concurrency: 1\n");
        f.apply(
                f.request("hello", "a", Map.of()),
                f.request("hello", "b", Map.of()),
                f.request("hello", "c", Map.of()));
        List<RunBuild> jobs = EngineFixture.jobs(f.drainOutbox());
        assertEquals(1, jobs.size());
        long first = jobs.get(0).buildId();
        assertEquals("a", jobs.get(0).jobId());
        assertEquals(1, jobs.get(0).attempt());

        f.apply(f.started("r1", first, 1));
        assertTrue(EngineFixture.jobs(f.drainOutbox()).isEmpty(), "still one slot, taken by the running build");

        f.apply(f.finished("r1", first, 1, Outcome.SUCCEEDED, 0));
        List<RunBuild> next = EngineFixture.jobs(f.drainOutbox());
        assertEquals(List.of("b"), next.stream().map(RunBuild::jobId).toList());
        assertEquals(BuildState.SUCCEEDED, f.build(first).state());
    }

    @Test
    void concurrencyTwoRunsTwoAtOnce() {
        f.project("wide", "concurrency: 2\n");
        f.apply(f.request("wide", "a", Map.of()), f.request("wide", "b", Map.of()), f.request("wide", "c", Map.of()));
        List<RunBuild> jobs = EngineFixture.jobs(f.drainOutbox());
        assertEquals(List.of("a", "b"), jobs.stream().map(RunBuild::jobId).toList());
        assertEquals(BuildState.QUEUED, f.build("wide", "c").orElseThrow().state());
        assertEquals(null, f.build("wide", "c").orElseThrow().dispatchedAt());
    }

    @Test
    void projectsDoNotWaitForEachOther() {
        f.project("one", "concurrency: 1\n").project("two", "concurrency: 1\n");
        f.apply(f.request("one", "a", Map.of()), f.request("one", "b", Map.of()), f.request("two", "c", Map.of()));
        assertEquals(
                List.of("a", "c"),
                EngineFixture.jobs(f.drainOutbox()).stream()
                        .map(RunBuild::jobId)
                        .toList());
    }

    @Test
    void runBuildCarriesWhatTheRunnerNeeds() {
        f.project("full", """
                concurrency: 1
                retries: 2
                timeout: 90s
                env: {GREETING: hi}
                secrets: [TOKEN]
                cache: [.m2]
                tags: color=red,size=s
                vars:
                  - name: size
                    default: m
                """);
        f.apply(f.request("full", "a", Map.of("color", "blue")));
        RunBuild job = EngineFixture.jobs(f.drainOutbox()).get(0);
        assertEquals(Map.of("color", "blue", "size", "m"), job.params());
        assertEquals(Map.of("GREETING", "hi"), job.env());
        assertEquals(List.of("TOKEN"), job.secrets());
        assertEquals(List.of(".m2"), job.cachePaths());
        assertEquals(90, job.timeoutSeconds());
        assertEquals(2, job.retries());
        assertEquals("job.sh", job.script());
        assertEquals(50L * 1024 * 1024, job.logCapBytes());
        assertEquals(f.clock.instant(), job.dispatchedAt());
        assertEquals(f.clock.instant(), job.queuedAt());
    }

    @Test
    void aSparrowfileProjectsJobTellsTheRunnerToUseSparrowdoWithItsFlags() throws Exception {
        f.project("raku", "sparrowdo:\n  no_index_update: true\n  repo: file:///srv/repo\n  tags: A=1\n");
        Path dir = home.resolve("projects/raku");
        java.nio.file.Files.delete(dir.resolve("job.sh"));
        java.nio.file.Files.writeString(dir.resolve("sparrowfile"), "say 'hi';\n");
        f.project("plain", "sparrowdo:\n  no_index_update: true\n");
        f.apply(f.request("raku", "a", Map.of()), f.request("plain", "b", Map.of()));
        List<RunBuild> jobs = EngineFixture.jobs(f.drainOutbox());
        RunBuild raku = jobs.stream()
                .filter(j -> j.project().equals("raku"))
                .findFirst()
                .orElseThrow();
        assertEquals("sparrowfile", raku.script());
        assertEquals(Map.of("no_index_update", "true", "repo", "file:///srv/repo"), raku.sparrowdo());
        assertEquals(Map.of("A", "1"), raku.params());
        RunBuild plain = jobs.stream()
                .filter(j -> j.project().equals("plain"))
                .findFirst()
                .orElseThrow();
        assertEquals(null, plain.sparrowdo(), "job.sh runs as a program, whatever its sparrowdo: section says");
        RunBuild roundTrip = dev.sparky.contracts.Json.read(dev.sparky.contracts.Json.write(raku), RunBuild.class);
        assertEquals(raku.sparrowdo(), roundTrip.sparrowdo());
    }

    @Test
    void editedConcurrencyTakesEffectWithoutARecord() throws Exception {
        f.project("grow", "concurrency: 1\n");
        f.apply(f.request("grow", "a", Map.of()), f.request("grow", "b", Map.of()));
        assertEquals(1, EngineFixture.jobs(f.drainOutbox()).size());
        f.project("grow", "concurrency: 2\n");
        java.nio.file.Files.setLastModifiedTime(
                home.resolve("projects/grow/sparky.yaml"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        f.tick(Duration.ofSeconds(3));
        assertEquals(
                List.of("b"),
                EngineFixture.jobs(f.drainOutbox()).stream()
                        .map(RunBuild::jobId)
                        .toList());
    }
}
