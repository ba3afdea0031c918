package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.runner.cache.BuildCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache around real builds: restored before, saved after a success only, lines in the log. */
class ProcessBuildExecutorCacheTest {
    private static final String SCRIPT = "#!/bin/bash\n"
            + "if [ -f deps/v ]; then echo \"had $(cat deps/v)\"; else echo fresh; fi\n"
            + "mkdir -p deps && echo \"$SPARKY_BUILD_ID\" > deps/v\n"
            + "exit \"${FAIL:-0}\"\n";

    @TempDir
    Path home;

    @TempDir
    Path shared;

    private ExecFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    private RunBuild job(long id, boolean fail, List<String> cache) {
        RunBuild job = Jobs.job(
                id,
                "web",
                "job.sh",
                fail ? java.util.Map.of("FAIL", "1") : java.util.Map.of(),
                java.util.Map.of(),
                List.of(),
                60,
                1 << 20);
        return Jobs.withCache(job, cache);
    }

    @Test
    void restoredBeforeSavedAfterSuccessAndKeptThroughAFailure() throws IOException {
        fx = new ExecFixture(home, ExecFixture.basicEnv());
        fx.script("web", SCRIPT);
        List<String> cache = List.of("deps");
        assertEquals(
                "[sparky] cache: no cache for deps yet\nfresh\n[sparky] cache: saved deps (2 B)\n",
                fx.run(job(1, false, cache)).log());
        assertEquals(
                "[sparky] cache: restored deps (2 B)\nhad 1\n[sparky] cache: saved deps (2 B)\n",
                fx.run(job(2, false, cache)).log());
        ExecFixture.Run failed = fx.run(job(3, true, cache));
        assertEquals(Outcome.FAILED, failed.result().outcome());
        assertEquals("[sparky] cache: restored deps (2 B)\nhad 2\n", failed.log(), "a failed build saves nothing");
        assertEquals(failed.log().length(), failed.result().logBytes(), "cache lines count in the log size");
        assertEquals(
                "[sparky] cache: restored deps (2 B)\nhad 2\n[sparky] cache: saved deps (2 B)\n",
                fx.run(job(4, false, cache)).log());
        assertTrue(Files.isRegularFile(archive(home.resolve("cache"))));
    }

    @Test
    void badPathsAreLeftOutWithANoteAndTheBuildRuns() throws IOException {
        fx = new ExecFixture(home, ExecFixture.basicEnv());
        fx.script("web", SCRIPT);
        ExecFixture.Run run = fx.run(job(5, false, List.of("/etc", "../up", "deps")));
        assertEquals(
                List.of(
                        "cache path '/etc' skipped: it must be a relative path inside the workspace",
                        "cache path '../up' skipped: it must stay inside the workspace (no '..')"),
                run.prepared().notes());
        assertEquals(List.of("deps"), run.prepared().cachePaths());
        assertEquals(Outcome.SUCCEEDED, run.result().outcome());
    }

    @Test
    void theCacheFolderIsConfigurable() throws IOException {
        fx = new ExecFixture(
                ExecSettings.of(home, "runner-1", "http://ui:4000", Duration.ofMillis(500))
                        .withCacheDir(shared.resolve("caches")),
                ExecFixture.basicEnv());
        fx.script("web", SCRIPT);
        fx.run(job(6, false, List.of("deps")));
        assertTrue(Files.isRegularFile(archive(shared.resolve("caches"))));
        assertTrue(Files.notExists(home.resolve("cache")));
    }

    private static Path archive(Path cacheDir) {
        return new BuildCache(cacheDir, "any", Duration.ofMinutes(1)).archive("web", "deps");
    }
}
