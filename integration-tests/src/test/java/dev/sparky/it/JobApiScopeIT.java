package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A build's job API token acts for its own project only, from inside real builds: project a's script tries
 * project b (not named in a's sparky.yaml) and is refused with 403; project named, which names b, may; the
 * children cap stops the N+1th child; a chunked artifact past the cap is refused with 413 and the earlier
 * artifact is served intact; the per-build artifact count stops the next one. Each script writes the answers it
 * got to its log, one line per request ("name status body"), and the test reads them through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobApiScopeIT {
    /** What every script starts with: {@code call NAME curl-args...} prints "NAME status body" on one line. */
    private static final String CALL = """
            #!/usr/bin/env bash
            api="$SPARKY_API/api/v1/job"
            auth="Authorization: Bearer $SPARKY_API_TOKEN"
            tmp=$(mktemp)
            call() {
              local name=$1; shift
              local code
              code=$(curl -s -o "$tmp" -w '%{http_code}' -H "$auth" "$@")
              echo "$name $code $(tr -d '\\n' < "$tmp")"
            }
            """;

    private SparkyCluster cluster;
    private SparkyApi api;
    private Map<String, String> a;

    @BeforeAll
    void start() {
        Path home = ClusterFixture.homeWithExamples("jobapi-scope");
        ClusterFixture.project(home, "b", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho b ran\n");
        ClusterFixture.project(home, "leaf", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho leaf\n");
        ClusterFixture.project(home, "a", "allow_manual_run: true\njob_api:\n  projects: [leaf]\n", CALL + """
                call trigger-b -X POST "$api/builds" -H 'Content-Type: application/json' -d '{"project":"b","jobId":"from-a"}'
                call read-b "$api/builds/b/b-first"
                call log-b "$api/builds/b/b-first/log"
                for n in 1 2 3 4; do
                  call "child-$n" -X POST "$api/builds" -H 'Content-Type: application/json' \\
                    -d '{"project":"leaf","jobId":"'"$SPARKY_JOB_ID"'-leaf-'"$n"'"}'
                done
                call read-own-child "$api/builds/leaf/$SPARKY_JOB_ID-leaf-1?wait=0"
                printf 'keep me\\n' > keep.txt
                call keep -X PUT "$api/artifacts/keep.txt" --data-binary @keep.txt
                # -T - streams stdin chunked: no Content-Length for the server to refuse up front
                head -c 3000000 /dev/zero | call chunked -T - "$api/artifacts/keep.txt"
                call second -X PUT "$api/artifacts/second.txt" --data-binary @keep.txt
                call third -X PUT "$api/artifacts/third.txt" --data-binary @keep.txt
                """);
        ClusterFixture.project(home, "named", "allow_manual_run: true\njob_api:\n  projects: [b]\n", CALL + """
                call trigger-b -X POST "$api/builds" -H 'Content-Type: application/json' -d '{"project":"b","jobId":"from-named"}'
                call read-b "$api/builds/b/b-first"
                """);
        cluster = ClusterFixture.cluster(
                        home,
                        Map.of(
                                "SPARKY_JOB_API_MAX_CHILDREN_PER_BUILD", "3",
                                "SPARKY_JOB_API_ARTIFACT_MAX_SIZE", "1M",
                                "SPARKY_ARTIFACT_MAX_COUNT", "2"))
                .start(1, false);
        api = cluster.api();
        assertEquals(
                202,
                api.postJson("/api/v1/projects/b/builds", Map.of("jobId", "b-first"))
                        .status());
        assertEquals(1, api.awaitTerminal("b", "b-first", Duration.ofSeconds(60)), cluster::diagnostics);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Runs the project's build to success and returns its log's "name status body" line for each name. */
    private Map<String, String> answers(String project) {
        String jobId = api.trigger(project);
        assertEquals(1, api.awaitTerminal(project, jobId, Duration.ofSeconds(60)), cluster::diagnostics);
        String log = api.get("/report/raw/" + project + "/" + jobId).body();
        Map<String, String> out = new java.util.HashMap<>();
        Arrays.stream(log.split("\n"))
                .map(l -> l.split(" ", 2))
                .filter(p -> p.length == 2)
                .forEach(p -> out.put(p[0], p[1]));
        out.put("$jobId", jobId);
        out.put("$log", log);
        return out;
    }

    /** Project a's build runs once for both tests. */
    private synchronized Map<String, String> a() {
        if (a == null) {
            a = answers("a");
        }
        return a;
    }

    @Test
    void aTokenActsForItsOwnProjectAndTheProjectsItsSparkyYamlNames() {
        Map<String, String> a = a();
        String log = a.get("$log");
        assertTrue(a.get("trigger-b").startsWith("403 "), log);
        assertTrue(
                a.get("trigger-b")
                        .contains("a build of project a may not start builds of project b through the "
                                + "job API: name it in a's sparky.yaml as job_api: {projects: [b]}"),
                log);
        assertTrue(
                a.get("read-b").startsWith("403 ")
                        && a.get("read-b")
                                .contains("a build of project a may not read build b/b-first through the job API"),
                log);
        assertTrue(a.get("log-b").startsWith("403 "), log);
        assertFalse(log.contains("b ran"), "b's log was not read: " + log);
        assertEquals(404, api.get("/api/v1/projects/b/jobs/from-a").status(), "nothing was queued for b");

        // the children cap (3 here) stops the fourth child
        for (int n = 1; n <= 3; n++) {
            assertTrue(a.get("child-" + n).startsWith("202 "), log);
        }
        assertTrue(
                a.get("child-4").startsWith("429 ")
                        && a.get("child-4")
                                .contains("already started 3 child builds, "
                                        + "the most one build may start (sparky.job-api.max-children-per-build)"),
                log);
        assertTrue(a.get("read-own-child").startsWith("200 "), log);

        Map<String, String> named = answers("named");
        assertTrue(named.get("trigger-b").startsWith("202 "), named.get("$log"));
        assertTrue(
                named.get("read-b").startsWith("200 ") && named.get("read-b").contains("\"jobId\":\"b-first\""),
                named.get("$log"));
        assertEquals(1, api.awaitTerminal("b", "from-named", Duration.ofSeconds(60)), cluster::diagnostics);
        JsonNode child = api.build("b", "from-named");
        assertEquals(
                api.build("named", named.get("$jobId")).path("id").asLong(),
                child.path("parentBuildId").asLong());
    }

    @Test
    void aChunkedUploadPastTheCapIs413AndTheEarlierArtifactIsServedIntact() {
        Map<String, String> a = a();
        String log = a.get("$log");
        assertTrue(a.get("keep").startsWith("201 "), log);
        assertTrue(
                a.get("chunked").startsWith("413 ")
                        && a.get("chunked")
                                .contains(
                                        "artifact keep.txt is larger than "
                                                + "the limit of 1048576 bytes (sparky.job-api.artifact-max-size); nothing was stored"),
                log);
        long id = api.build("a", a.get("$jobId")).path("id").asLong();
        assertEquals(
                "keep me\n",
                api.get("/api/v1/builds/" + id + "/artifacts/keep.txt").body());
        // the build's artifact count (2 here) stops the third; the two it keeps are whole
        assertTrue(a.get("second").startsWith("201 "), log);
        assertTrue(
                a.get("third").startsWith("413 ")
                        && a.get("third")
                                .contains("already has 2 artifacts, the most one "
                                        + "build may keep (sparky.dispatcher.artifact-max-count)"),
                log);
        JsonNode listing = api.get("/api/v1/builds/" + id + "/artifacts").json();
        assertEquals(2, listing.size(), listing.toString());
        assertEquals(8, listing.get(0).path("size").asInt(), listing.toString());
    }
}
