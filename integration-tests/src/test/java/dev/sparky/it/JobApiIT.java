package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job API (docs/job-api.md) from inside real builds: the fan-out example queues three children with a build token,
 * waits for them, reads their stashes and uploads an artifact; tokens stop working when the build ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobApiIT {
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void start() {
        Path home = ClusterFixture.homeWithExamples("jobapi");
        // The script keeps its token where the test can read it, to try it after the build ended.
        ClusterFixture.project(
                home,
                "leaky",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\necho \"$SPARKY_API_TOKEN\" > " + home.resolve("token") + "\n"
                        + "echo token is $SPARKY_API_TOKEN\n");
        cluster = ClusterFixture.cluster(home, Map.of()).start(3, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theFanOutExampleQueuesWaitsForAndGathersItsChildren() {
        String jobId = api.trigger("fanout");
        assertEquals(1, api.awaitTerminal("fanout", jobId, Duration.ofSeconds(120)), cluster::diagnostics);
        String log = api.get("/report/raw/fanout/" + jobId).body();
        assertTrue(log.contains("14"), "1 + 4 + 9 gathered from the children's stashes: " + log);
        JsonNode parent = api.build("fanout", jobId);
        for (int n = 1; n <= 3; n++) {
            JsonNode child = api.build("fanout-child", jobId + "-child-" + n);
            assertEquals("succeeded", child.path("state").asText());
            assertEquals(parent.path("id").asLong(), child.path("parentBuildId").asLong(), child.toString());
        }
        JsonNode artifacts = api.get("/api/v1/builds/" + parent.path("id").asLong() + "/artifacts")
                .json();
        assertTrue(artifacts.toString().contains("summary.txt"), artifacts.toString());
    }

    @Test
    void aBuildTokenIsMaskedInTheLogAndStopsWorkingWhenTheBuildEnds() throws Exception {
        String jobId = api.trigger("leaky");
        assertEquals(1, api.awaitTerminal("leaky", jobId, Duration.ofSeconds(60)), cluster::diagnostics);
        String token =
                java.nio.file.Files.readString(cluster.home().resolve("token")).trim();
        assertTrue(token.length() > 20, "the build had a token");
        String log = api.get("/report/raw/leaky/" + jobId).body();
        assertTrue(log.contains("token is *****") && !log.contains(token), log);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/job/stash"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        int status = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
        assertEquals(401, status, "an ended build's token is refused");
    }
}
