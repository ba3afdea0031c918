package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.testkit.ServiceProcess;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mortal runners (docs/runner.md, "Mortal runners"): a runner with SPARKY_RUNNER_MAX_BUILDS=1 runs one build,
 * reports it in full, exits 0 and leaves the other queued builds to the runners that come after it, each of which
 * does the same. Real processes over a real broker; the cluster starts with no runner at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MortalRunnerIT {
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final Map<String, String> MORTAL = Map.of("SPARKY_RUNNER_MAX_BUILDS", "1");
    private static final String PROJECT = "mortal";
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void start() {
        Path home = ClusterFixture.homeWithExamples("mortal");
        // Says whether an earlier build left anything in its HOME or TMPDIR, then leaves something there itself.
        String script = """
                #!/usr/bin/env bash
                if ls "$HOME"/left-by-* "$TMPDIR"/left-by-* 2>/dev/null; then
                  echo "found what an earlier build left"
                else
                  echo "HOME and TMPDIR clean"
                fi
                echo "$SPARKY_JOB_ID" > "$HOME/left-by-$SPARKY_JOB_ID"
                echo "$SPARKY_JOB_ID" > "$TMPDIR/left-by-$SPARKY_JOB_ID"
                for i in $(seq 1 200); do echo "line $i of $SPARKY_JOB_ID"; done
                echo "last line of $SPARKY_JOB_ID"
                """;
        // concurrency 4: all three builds go to the queue at once, so the runner is offered more than its one.
        ClusterFixture.project(home, PROJECT, "allow_manual_run: true\nconcurrency: 4\n", script);
        cluster = ClusterFixture.cluster(home, Map.of()).start(0, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eachMortalRunnerRunsOneBuildReportsItAndExitsZeroLeavingTheRestQueued() {
        ServiceProcess first = cluster.startRunner(MORTAL).awaitReady(LONG);
        List<String> jobs =
                IntStream.range(0, 3).mapToObj(i -> api.trigger(PROJECT)).toList();

        int exit = Waits.until(
                LONG, "the mortal runner to exit", () -> first.process().exitCode());
        assertEquals(0, exit, () -> "exit code of " + first.name() + "\n" + cluster.diagnostics());
        String ran = Waits.until(LONG, "one build to succeed", () -> {
            List<String> done = jobs.stream()
                    .filter(j -> Integer.valueOf(1).equals(api.status(PROJECT, j)))
                    .toList();
            return done.size() == 1 ? done.get(0) : null;
        });
        assertEquals(first.name(), api.build(PROJECT, ran).path("runnerId").asText(), cluster::diagnostics);
        assertFullLog(ran);
        List<String> waiting = jobs.stream().filter(j -> !j.equals(ran)).toList();
        for (String j : waiting) {
            assertEquals(
                    -2,
                    api.status(PROJECT, j),
                    () -> j + " stays queued while no runner is there\n" + cluster.diagnostics());
        }

        ServiceProcess second = cluster.startRunner(MORTAL);
        ServiceProcess third = cluster.startRunner(MORTAL);
        for (String j : waiting) {
            assertEquals(1, api.awaitTerminal(PROJECT, j, LONG), () -> j + "\n" + cluster.diagnostics());
            assertFullLog(j);
        }
        for (ServiceProcess r : List.of(second, third)) {
            int code =
                    Waits.until(LONG, r.name() + " to exit", () -> r.process().exitCode());
            assertEquals(0, code, () -> "exit code of " + r.name() + "\n" + cluster.diagnostics());
        }
        String runnerA = api.build(PROJECT, waiting.get(0)).path("runnerId").asText();
        String runnerB = api.build(PROJECT, waiting.get(1)).path("runnerId").asText();
        assertNotEquals(runnerA, runnerB, "one build per runner");
        assertTrue(List.of(second.name(), third.name()).containsAll(List.of(runnerA, runnerB)), runnerA + runnerB);
    }

    /** The whole log arrived, though the runner exited right after the build; no trace of an earlier build. */
    private void assertFullLog(String jobId) {
        String log = Waits.until(LONG, "the whole log of " + jobId, () -> {
            String body = api.get("/report/raw/" + PROJECT + "/" + jobId).body();
            return body.contains("last line of " + jobId) ? body : null;
        });
        assertTrue(log.contains("line 200 of " + jobId), log);
        assertTrue(log.contains("HOME and TMPDIR clean"), log);
    }
}
