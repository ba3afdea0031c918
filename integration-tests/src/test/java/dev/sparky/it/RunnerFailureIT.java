package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.ServiceProcess;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failure modes of runners (docs/failure-modes.md): killed, hung then resumed, stopped for a scale-down.
 * Each test ends with the state the catalogue promises, on real processes over a real broker.
 */
@ClockBound
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerFailureIT {
    private static final Duration LONG = Duration.ofSeconds(90);
    private SparkyCluster cluster;
    private SparkyApi api;
    private Path marks;

    @BeforeAll
    void start() throws IOException {
        Path home = ClusterFixture.homeWithExamples("runner-faults");
        marks = Files.createDirectories(home.resolve("marks"));
        // Each second the script appends to a file named after its attempt, so a test can see whether an
        // attempt's process still runs after its runner lost it.
        String ticking = "#!/usr/bin/env bash\nfor i in $(seq 1 ${TICKS:-12}); do echo \"tick $i\"; " + "echo $i >> "
                + marks + "/$SPARKY_JOB_ID.$SPARKY_ATTEMPT; sleep 1; done\necho finished\n";
        ClusterFixture.project(home, "ticking", "allow_manual_run: true\nretries: 1\nconcurrency: 4\n", ticking);
        ClusterFixture.project(home, "fragile", "allow_manual_run: true\nretries: 0\n", ticking);
        cluster = ClusterFixture.cluster(
                        home, Map.of("SPARKY_DISPATCHER_LEASE", "4s", "SPARKY_RUNNER_DRAIN_TIMEOUT", "20s"))
                .start(2, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ServiceProcess runnerOf(String project, String jobId) {
        String id = Waits.until(Duration.ofSeconds(30), "a runner for " + jobId, () -> {
            String r = api.build(project, jobId).path("runnerId").asText("");
            return r.isEmpty() ? null : r;
        });
        return cluster.runners().stream()
                .filter(r -> r.name().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private void ensureRunners(int n) {
        while (cluster.runners().stream().filter(r -> r.process().isAlive()).count() < n) {
            cluster.addRunner();
        }
    }

    @Test
    void aKilledRunnersBuildStartsAgainAsAttemptTwoAndKeepsTheFirstLog() {
        ensureRunners(2);
        String jobId = api.trigger("ticking");
        api.awaitStatus("ticking", jobId, Set.of(0), LONG);
        Waits.until(
                Duration.ofSeconds(20),
                "first ticks",
                () -> api.get("/report/raw/ticking/" + jobId).body().contains("tick 2"));
        runnerOf("ticking", jobId).process().kill();

        assertEquals(1, api.awaitTerminal("ticking", jobId, LONG), cluster::diagnostics);
        JsonNode build = api.build("ticking", jobId);
        assertEquals(2, build.path("attempt").asInt(), build.toString());
        assertEquals("lost", build.path("attempts").get(0).path("state").asText(), build.toString());
        String log = api.get("/report/raw/ticking/" + jobId).body();
        assertTrue(log.contains("=== attempt 1"), "the first attempt's log is kept: " + log);
        assertTrue(log.contains("finished"), log);
    }

    @Test
    void aKilledRunnersBuildWithoutRetriesFailsWithRunnerLost() {
        ensureRunners(2);
        String jobId = api.trigger("fragile");
        api.awaitStatus("fragile", jobId, Set.of(0), LONG);
        runnerOf("fragile", jobId).process().kill();
        assertEquals(-1, api.awaitTerminal("fragile", jobId, LONG), cluster::diagnostics);
        assertTrue(
                api.build("fragile", jobId).path("reason").asText().contains("runner lost"),
                api.build("fragile", jobId).toString());
    }

    @Test
    void aHungRunnerLosesItsBuildAndKillsItWhenItWakes() throws IOException {
        ensureRunners(2);
        String jobId = api.trigger("ticking");
        api.awaitStatus("ticking", jobId, Set.of(0), LONG);
        ServiceProcess hung = runnerOf("ticking", jobId);
        hung.process().pause();
        try {
            Waits.until(
                    LONG,
                    "attempt 2 of " + jobId,
                    () -> api.build("ticking", jobId).path("attempt").asInt() == 2
                            && api.status("ticking", jobId) == 0);
        } finally {
            hung.process().resume();
        }
        assertEquals(1, api.awaitTerminal("ticking", jobId, LONG), cluster::diagnostics);
        JsonNode build = api.build("ticking", jobId);
        assertEquals(2, build.path("attempt").asInt());
        assertFalse(build.path("runnerId").asText().equals(hung.name()), "attempt 2 ran elsewhere");
        // The woken runner must have killed attempt 1: its tick file stops growing.
        Path first = marks.resolve(jobId + ".1");
        long before = Files.readAllLines(first).size();
        Waits.holds(Duration.ofSeconds(3), "attempt 1 no longer runs after its runner woke", () -> {
            try {
                return Files.readAllLines(first).size() == before;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(before < 12, "attempt 1 never finished");
    }

    @Test
    void aStoppedRunnerFinishesItsBuildAndTakesNoOther() {
        ensureRunners(2);
        String jobId = api.trigger("ticking");
        api.awaitStatus("ticking", jobId, Set.of(0), LONG);
        ServiceProcess leaving = runnerOf("ticking", jobId);
        Thread stopper = new Thread(() -> leaving.process().stop(Duration.ofSeconds(40)));
        stopper.start();
        String other = api.trigger("hello");
        assertEquals(1, api.awaitTerminal("hello", other, LONG));
        assertFalse(
                api.build("hello", other).path("runnerId").asText().equals(leaving.name()),
                "a draining runner takes no new build");
        assertEquals(1, api.awaitTerminal("ticking", jobId, LONG), cluster::diagnostics);
        JsonNode build = api.build("ticking", jobId);
        assertEquals(1, build.path("attempt").asInt(), "finished within the grace period, no second attempt");
        assertEquals(leaving.name(), build.path("runnerId").asText());
        Waits.until(
                Duration.ofSeconds(45),
                "the runner to exit",
                () -> !leaving.process().isAlive());
    }
}
