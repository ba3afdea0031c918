package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failure modes of the dispatcher and the broker (docs/failure-modes.md): every accepted request ends in
 * exactly one terminal state; services say not-ready during an outage and recover by themselves.
 */
@ClockBound
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceFailureIT {
    private static final Duration LONG = Duration.ofSeconds(120);
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void start() {
        Path home = ClusterFixture.homeWithExamples("service-faults");
        ClusterFixture.project(
                home,
                "burst",
                "allow_manual_run: true\nconcurrency: 4\n",
                "#!/usr/bin/env bash\necho \"burst $SPARKY_JOB_ID\"\nsleep 0.2\n");
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_DISPATCHER_LEASE", "5s"))
                .start(2, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aDispatcherKilledDuringABurstLosesAndDoublesNothing() {
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobIds.add(api.trigger("burst"));
            if (i == 15) {
                cluster.dispatcher().process().kill();
            }
        }
        cluster.restartDispatcher();
        for (String id : jobIds) {
            assertEquals(1, api.awaitTerminal("burst", id, LONG), () -> id + cluster.diagnostics());
        }
        JsonNode page = api.get("/api/v1/projects/burst/builds?limit=200").json();
        Map<String, Integer> perJob = new HashMap<>();
        for (JsonNode b : page.path("items")) {
            perJob.merge(b.path("jobId").asText(), 1, Integer::sum);
            String log =
                    api.get("/report/raw/burst/" + b.path("jobId").asText()).body();
            assertTrue(log.contains("burst " + b.path("jobId").asText()), "each log is whole: " + log);
        }
        assertEquals(jobIds.size(), perJob.size(), "every accepted request has a build");
        assertTrue(perJob.values().stream().allMatch(n -> n == 1), "no request built twice: " + perJob);
    }

    @Test
    void aBrokerOutageMakesServicesNotReadyAndTriggersAreBuiltOrRefusedNeverLost() {
        cluster.broker().stop();
        try {
            Waits.until(
                    Duration.ofSeconds(30),
                    "the UI to report not ready",
                    () -> cluster.ui().readyStatus() == 503);
            Waits.until(
                    Duration.ofSeconds(30),
                    "the dispatcher to report not ready",
                    () -> cluster.dispatcher().readyStatus() == 503);
            Answer during = api.post("/build/project/hello");
            assertEquals(503, during.status(), "a trigger during the outage is refused clearly: " + during.body());
        } finally {
            cluster.broker().start();
        }
        Waits.until(LONG, "the UI to be ready again", () -> cluster.ui().readyStatus() == 200);
        Waits.until(
                LONG,
                "the dispatcher to be ready again",
                () -> cluster.dispatcher().readyStatus() == 200);
        cluster.runners().forEach(r -> Waits.until(LONG, r.name() + " ready again", () -> r.readyStatus() == 200));
        String after = api.trigger("hello");
        assertEquals(1, api.awaitTerminal("hello", after, LONG), cluster::diagnostics);
    }
}
