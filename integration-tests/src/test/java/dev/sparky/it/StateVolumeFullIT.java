package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dispatcher's state volume full (docs/failure-modes.md): {@code SPARKY_STATE_DIR} on a 16 MB tmpfs with
 * an 8 MB ballast file, filled by builds that print logs until writes fail. The dispatcher says not-ready
 * naming the disk, loses nothing it acknowledged, and once the ballast is deleted it is ready again by
 * itself with an intact database. Needs root (mount); skipped with the reason otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateVolumeFullIT {
    private static final Duration LONG = Duration.ofSeconds(120);
    private SparkyCluster cluster;
    private SparkyApi api;
    private Path state;
    private final List<String> before = new ArrayList<>();
    private final List<String> chatty = new ArrayList<>();
    /** The dispatcher's readiness answer once the volume was full; null if it never filled. */
    private String notReady;

    @BeforeAll
    void start() throws Exception {
        Path home = ClusterFixture.homeWithExamples("state-full");
        state = Files.createDirectories(home.resolve("state-volume"));
        Result mount = run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", state.toString());
        Assumptions.assumeTrue(mount.code() == 0, "cannot mount a tmpfs here (needs root): " + mount.output());
        Files.write(state.resolve("ballast.bin"), new byte[8 * 1024 * 1024]);
        ClusterFixture.project(home, "small", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho small\n");
        // About 2 MB of log per build.
        ClusterFixture.project(
                home,
                "chatty",
                "allow_manual_run: true\nconcurrency: 1\n",
                "#!/usr/bin/env bash\nfor i in $(seq 1 20000); do "
                        + "echo \"line $i of a chatty build that fills the state volume of the dispatcher\"; done\n");
        cluster = ClusterFixture.cluster(
                        home, Map.of("SPARKY_DISPATCHER_LEASE", "5s", "SPARKY_STATE_DIR", state.toString()))
                .start(1, false);
        api = cluster.api();
        fill();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (state != null) {
            run("umount", "-l", state.toString());
        }
    }

    /** Builds finished before the volume filled; then builds printing logs until the dispatcher is not ready. */
    private void fill() {
        for (int i = 0; i < 3; i++) {
            String id = api.trigger("small");
            assertEquals(1, api.awaitTerminal("small", id, LONG), cluster::diagnostics);
            before.add(id);
        }
        for (int i = 0; i < 20 && notReady == null; i++) {
            chatty.add(api.trigger("chatty"));
            notReady = awaitEndOrNotReady(chatty.get(chatty.size() - 1));
        }
    }

    @Test
    void theNotReadyReasonNamesTheDisk() {
        assertTrue(notReady != null, "the volume never filled: " + chatty.size() + " chatty builds ended");
        String lower = notReady.toLowerCase(Locale.ROOT);
        assertTrue(
                lower.contains("disk") || lower.contains("space") || lower.contains("full"),
                "the not-ready reason names the disk: " + notReady);
    }

    @Test
    void nothingAcknowledgedIsLostAndItRecoversByItselfWhenSpaceIsFreed() throws Exception {
        assertTrue(notReady != null, "the volume never filled: " + chatty.size() + " chatty builds ended");
        for (String id : before) {
            assertEquals(1, api.status("small", id), "a build finished before the fault keeps its state");
        }
        Files.delete(state.resolve("ballast.bin"));
        Waits.until(
                LONG,
                "the dispatcher to be ready again by itself",
                () -> cluster.dispatcher().readyStatus() == 200);
        for (String id : chatty) {
            assertEquals(1, api.awaitTerminal("chatty", id, LONG), () -> id + cluster.diagnostics());
        }
        String after = api.trigger("small");
        assertEquals(1, api.awaitTerminal("small", after, LONG), cluster::diagnostics);
        Result check = run("sqlite3", state.resolve("sparky.db").toString(), "PRAGMA integrity_check;");
        assertEquals("ok", check.output().trim(), "integrity_check: " + check.output());
    }

    /** @return the dispatcher's not-ready answer, or null once the build ended while it stayed ready */
    private String awaitEndOrNotReady(String jobId) {
        return Waits.until(LONG, "chatty build " + jobId + " to end or the dispatcher to report not ready", () -> {
                    SparkyApi.Answer ready = new SparkyApi(cluster.dispatcher().url()).get("/q/health/ready");
                    if (ready.status() == 503) {
                        return ready.body();
                    }
                    Integer code = api.status("chatty", jobId);
                    return code != null && code == 1 ? "" : null;
                })
                .transform(s -> s.isEmpty() ? null : s);
    }

    private record Result(int code, String output) {}

    private static Result run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
