package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
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
 * The whole path of a build over a real broker and real processes: trigger over HTTP, queue in the
 * dispatcher, run on one of two runners, log streamed back, answered by the Sparky-compatible and JSON APIs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildPathIT {
    private static final Duration BUILD = Duration.ofSeconds(60);
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void startCluster() {
        Path home = ClusterFixture.homeWithExamples("path");
        ClusterFixture.project(
                home,
                "sleeper",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\necho sleeper started\nsleep 20\necho sleeper done\n");
        ClusterFixture.project(home, "quick", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho quick done\n");
        ClusterFixture.project(home, "noexec", "allow_manual_run: true\n", null);
        writePlain(home.resolve("projects/noexec/job.sh"), "echo ran without a shebang\n");
        ClusterFixture.project(home, "noscript", "allow_manual_run: true\n", null);
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_DISPATCHER_LEASE", "5s"))
                .start(2, false);
        api = cluster.api();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSucceedingBuildIsServedByEveryApi() {
        String jobId = api.trigger("hello");
        assertEquals(1, api.awaitTerminal("hello", jobId, BUILD), cluster::diagnostics);

        String log = api.get("/report/raw/hello/" + jobId).body();
        assertTrue(log.contains("Hello from Sparky!"), log);
        assertTrue(log.contains("this line goes to stderr"), "stderr is in the log: " + log);
        assertTrue(log.contains("job id:    " + jobId), log);

        JsonNode build = api.build("hello", jobId);
        assertEquals("succeeded", build.path("state").asText());
        assertEquals(1, build.path("sparkyCode").asInt());
        long id = build.path("id").asLong();
        JsonNode byId = api.get("/api/v1/builds/" + id).json();
        assertEquals(jobId, byId.path("jobId").asText());
        assertTrue(byId.path("attempts").get(0).path("runnerId").asText().startsWith("runner-"), byId.toString());

        Answer page = api.get("/builds/" + id);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("hello"), "the report page names the project");
    }

    @Test
    void aFailingScriptEndsFailedWithItsExitCode() {
        String jobId = api.trigger("failing");
        assertEquals(-1, api.awaitTerminal("failing", jobId, BUILD), cluster::diagnostics);
        JsonNode build = api.build("failing", jobId);
        assertEquals("failed", build.path("state").asText());
        assertEquals(3, build.path("exitCode").asInt());
        assertTrue(api.get("/report/raw/failing/" + jobId).body().contains("something went wrong"));
    }

    @Test
    void aLongBuildNeverDelaysAQueuedBuildWhileAnotherRunnerIsIdle() {
        String slow = api.trigger("sleeper");
        api.awaitStatus("sleeper", slow, Set.of(0), BUILD);
        String fast = api.trigger("quick");
        assertEquals(1, api.awaitTerminal("quick", fast, Duration.ofSeconds(15)), cluster::diagnostics);
        assertEquals(0, api.status("sleeper", slow), "the long build is still running");
        // A running build's raw report is what it printed so far, sent from its log file as it is written.
        String sofar = Waits.until(BUILD, "the sleeper's first line in its raw report", () -> {
            String raw = api.get("/report/raw/sleeper/" + slow).body();
            return raw.isEmpty() ? null : raw;
        });
        assertEquals("sleeper started\n", sofar);
        assertNotEquals(
                api.build("sleeper", slow).path("runnerId").asText(),
                api.build("quick", fast).path("runnerId").asText(),
                "the two builds ran on different runners");
        assertEquals(1, api.awaitTerminal("sleeper", slow, BUILD));
    }

    @Test
    void aScriptWithoutShebangOrExecuteBitRunsWithBashAndTheSystemLogSaysSo() {
        String jobId = api.trigger("noexec");
        assertEquals(1, api.awaitTerminal("noexec", jobId, BUILD), cluster::diagnostics);
        assertTrue(api.get("/report/raw/noexec/" + jobId).body().contains("ran without a shebang"));
        long id = api.build("noexec", jobId).path("id").asLong();
        String syslog = api.get("/api/v1/builds/" + id + "/syslog").body();
        assertTrue(syslog.contains("bash"), syslog);
    }

    @Test
    void badNamesAndUnknownProjectsAreRefusedWithAClearMessage() {
        Answer unknown = api.post("/build/project/nope");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("nope"), unknown.body());
        assertEquals(400, api.post("/build/project/..%2Fhello").status());
        assertEquals(400, api.post("/build/project/bad%20name").status());
        assertEquals(404, api.get("/status/hello/no-such-job").status());
    }

    @Test
    void aProjectWithoutJobScriptIsVisibleWithItsErrorAndCannotBeBuilt() {
        Answer project = api.get("/api/v1/projects/noscript");
        assertEquals(200, project.status());
        assertTrue(project.body().contains("job script is missing"), project.body());
        assertEquals(409, api.post("/build/project/noscript").status());
    }

    @Test
    void theDispatcherQueuesAndHandsOutEveryBuildOfABurst() {
        String[] ids = new String[10];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = api.trigger("quick");
        }
        for (String id : ids) {
            assertEquals(1, api.awaitTerminal("quick", id, BUILD), cluster::diagnostics);
        }
        JsonNode page = Waits.until(
                Duration.ofSeconds(5),
                "build list",
                () -> api.get("/api/v1/projects/quick/builds?limit=50").json());
        assertTrue(page.path("items").size() >= 10, page.toString());
    }

    private static void writePlain(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
