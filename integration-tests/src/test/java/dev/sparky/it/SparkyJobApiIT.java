package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Sparrowfiles that use Sparky's job API client as Sparky's examples of the same names do (test resources
 * {@code sparky-job-api/}) run on the real services with the real, unchanged Raku module {@code Sparky::JobApi}:
 * children run in the projects the scenarios name
 * (which have no folder) with the sparrowfile they were sent, stashes go parent to child and back, a file goes up
 * and comes back, a parent waits for children, even ones queued later by other children. Then the attacks on
 * Sparky's routes, from inside a real build with its own token: another project's stash, files and queue,
 * oversized scenario, stash and file, no token, a forged token, a finished build's token. Needs Raku, sparrowdo
 * and Sparky::JobApi ({@code bin/sparky install-raku}); skipped without them unless
 * {@code -Dit.require-raku=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(
        value = "dev.sparky.it.SparrowfileIT#runnable",
        disabledReason = "Raku and sparrowdo are not installed "
                + "(no /usr/lib/perl6/site/bin/sparrowdo): run bin/sparky install-raku to run this test "
                + "(-Dit.require-raku=true makes it fail instead of skipping)")
class SparkyJobApiIT {
    /**
     * A few sparrowdo builds one after another. Each is about 2 s on an idle 2-core machine, but up to a minute
     * on a loaded one (a dozen raku processes start per build), so the waits are long.
     */
    private static final Duration CHAIN = Duration.ofMinutes(6);
    /** job-queue-predefined: eleven sparrowdo builds, one after another. */
    private static final Duration LONG_CHAIN = Duration.ofMinutes(15);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** {@code call NAME curl-args...} prints "NAME status body" on one line; Sparky's header carries the token. */
    private static final String CALL = """
            #!/usr/bin/env bash
            tmp=$(mktemp)
            call() {
              local name=$1; shift
              local code
              code=$(curl -s -o "$tmp" -w '%{http_code}' "$@")
              echo "$name $code $(tr -d '\\n' < "$tmp" | head -c 400)"
            }
            tok="token: $SPARKY_API_TOKEN"
            json='Content-Type: application/json'
            """;

    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void start() throws IOException, URISyntaxException {
        Path home = Files.createTempDirectory("sparky-it-jobapi-wire");
        Path examples = Path.of(getClass().getResource("/sparky-job-api").toURI());
        try (Stream<Path> dirs = Files.list(examples)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path to = Files.createDirectories(
                        home.resolve("projects").resolve(dir.getFileName().toString()));
                Files.copy(dir.resolve("sparrowfile"), to.resolve("sparrowfile"));
                Files.copy(dir.resolve("sparky.yaml"), to.resolve("sparky.yaml"));
            }
        }
        ClusterFixture.project(home, "victim", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho victim\n");
        ClusterFixture.project(home, "intruder", "allow_manual_run: true\n", CALL + """
                base="$SPARKY_API"
                call queue-victim -X POST "$base/queue" -H "$tok" -H "$json" \\
                  -d '{"config":{"project":"victim","job-id":"'"$SPARKY_JOB_ID"'-v"},"sparrowfile":"say 1;"}'
                call stash-victim -X POST "$base/stash" -H "$tok" -H "$json" \\
                  -d '{"config":{"project":"victim","job-id":"victim-first"},"data":{"x":1}}'
                call stash-victim-new -X POST "$base/stash" -H "$tok" -H "$json" \\
                  -d '{"config":{"project":"victim","job-id":"victim-next"},"data":{"x":1}}'
                call read-victim-stash -H "$tok" "$base/stash/victim/victim-first"
                call file-victim -X PUT -H "$tok" --data-binary 'x' "$base/file/project/victim/job/victim-first/filename/f"
                call read-victim-file -H "$tok" "$base/file/victim/victim-first/f"
                call no-token -X POST "$base/queue" -H "$json" \\
                  -d '{"config":{"project":"intruder.spawned_01","job-id":"'"$SPARKY_JOB_ID"'-n"},"sparrowfile":"say 1;"}'
                { printf '{"config":{"project":"intruder.spawned_01","job-id":"%s-big"},"sparrowfile":"' "$SPARKY_JOB_ID"
                  head -c 600000 /dev/zero | tr '\\0' 'a'; printf '"}'; } > big-queue.json
                call big-sparrowfile -X POST "$base/queue" -H "$tok" -H "$json" --data-binary @big-queue.json
                { printf '{"config":{"project":"intruder","job-id":"%s"},"data":"' "$SPARKY_JOB_ID"
                  head -c 1100000 /dev/zero | tr '\\0' 'a'; printf '"}'; } > big-stash.json
                call big-stash -X POST "$base/stash" -H "$tok" -H "$json" --data-binary @big-stash.json
                head -c 1500000 /dev/zero > big.bin
                call big-file -X PUT -H "$tok" --data-binary @big.bin "$base/file/project/intruder/job/$SPARKY_JOB_ID/filename/big"
                call own-stash -X POST "$base/stash" -H "$tok" -H "$json" \\
                  -d '{"config":{"project":"intruder","job-id":"'"$SPARKY_JOB_ID"'"},"data":{"mine":true}}'
                printf '%s' "$SPARKY_API_TOKEN" > token
                call keep-token -X PUT -H "$tok" --data-binary @token "$base/file/project/intruder/job/$SPARKY_JOB_ID/filename/token"
                """);
        // job-queue-predefined is a chain of ten builds, each queued by the one before: deeper than the default
        // limit of 5 levels, so this cluster allows 10 (the limit itself is JobApiScopeIT's).
        // SPARKY_RUNNER_JOB_API_FORWARDER=always: the runners serve Sparky::JobApi's port as in a pod, where no UI
        // is on the loopback, so every call of the module here goes through that forwarder.
        cluster = ClusterFixture.cluster(
                        home,
                        Map.of(
                                "SPARKY_JOB_API_ARTIFACT_MAX_SIZE",
                                "1M",
                                "SPARKY_JOB_API_MAX_DEPTH",
                                "10",
                                "SPARKY_RUNNER_JOB_API_FORWARDER",
                                "always"))
                .start(3, false);
        api = cluster.api();
        assertEquals(
                202,
                api.postJson("/api/v1/projects/victim/builds", Map.of("jobId", "victim-first"))
                        .status());
        assertEquals(1, api.awaitTerminal("victim", "victim-first", Duration.ofSeconds(60)), cluster::diagnostics);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Runs the project's build to success; returns it. */
    private JsonNode succeeds(String project) {
        return succeeds(project, CHAIN);
    }

    private JsonNode succeeds(String project, Duration timeout) {
        String jobId = api.trigger(project);
        assertEquals(1, api.awaitTerminal(project, jobId, timeout), () -> log(project, jobId) + cluster.diagnostics());
        return api.build(project, jobId);
    }

    private String log(String project, String jobId) {
        return api.get("/report/raw/" + project + "/" + jobId).body();
    }

    /** The child builds of {@code parent} in {@code project}, once {@code count} exist and all succeeded. */
    private List<JsonNode> succeededChildren(String project, JsonNode parent, int count) {
        long parentId = parent.path("id").asLong();
        return Waits.until(CHAIN, count + " child builds of " + parentId + " in " + project + " to succeed", () -> {
            JsonNode page =
                    api.get("/api/v1/builds?project=" + project + "&limit=50").json();
            List<JsonNode> children = new ArrayList<>();
            page.path("items").forEach(b -> {
                if (b.path("parentBuildId").asLong() == parentId) {
                    children.add(b);
                }
            });
            boolean done = children.size() == count
                    && children.stream()
                            .allMatch(b -> "succeeded".equals(b.path("state").asText()));
            return done ? children : null;
        });
    }

    @Test
    void jobQueueRunsTheSentSparrowfileAsAChildInTheNamedProject() {
        JsonNode parent = succeeds("job-queue");
        JsonNode child = succeededChildren("spawned_01", parent, 1).get(0);
        assertEquals("spawned job. 01", child.path("description").asText());
        assertEquals(Map.of("stage", "child", "foo", "1", "bar", "2"), params(child));
        String log = log("spawned_01", child.path("jobId").asText());
        assertTrue(log.contains("I am a child scenario"), log);
        assertTrue(log.contains("SPARKY_PROJECT") && log.contains("spawned_01"), log);
    }

    @Test
    void jobQueueWaitChildWaitsForItsChild() {
        JsonNode parent = succeeds("job-queue-wait-child");
        JsonNode child = succeededChildren("spawned_jobs", parent, 1).get(0);
        String log = log("job-queue-wait-child", parent.path("jobId").asText());
        assertTrue(log.contains(child.path("jobId").asText()) && log.contains("status => OK"), log);
    }

    @Test
    void jobQueuePredefinedWaitsForTenJobsQueuedOneByAnother() {
        JsonNode parent = succeeds("job-queue-predefined", LONG_CHAIN);
        String log = log("job-queue-predefined", parent.path("jobId").asText());
        assertTrue(log.contains("10 jobs finished successfully"), log);
        for (int i = 1; i <= 10; i++) {
            JsonNode page =
                    api.get("/api/v1/builds?project=worker_" + i + "&limit=5").json();
            assertEquals("succeeded", page.path("items").path(0).path("state").asText(), "worker_" + i);
            assertTrue(page.path("items").path(0).path("jobId").asText().endsWith("_" + i), page.toString());
        }
    }

    @Test
    void jobQueueReqursiveChildQueuesAGrandchild() {
        JsonNode parent = succeeds("job-queue-reqursive");
        JsonNode child = succeededChildren("spawned_01", parent, 1).get(0);
        JsonNode grandchild = succeededChildren("spawned_02", child, 1).get(0);
        String log = log("spawned_02", grandchild.path("jobId").asText());
        assertTrue(log.contains("grandchild here, nothing more to queue"), log);
    }

    @Test
    void jobQueueWithClassWaitsThroughTheRole() {
        JsonNode parent = succeeds("job-queue-with-class");
        succeededChildren("spawned_011", parent, 1);
        String log = log("job-queue-with-class", parent.path("jobId").asText());
        assertTrue(log.contains("OK(1)") || log.contains("OK => 1"), log);
    }

    @Test
    void jobStashChildParentPassesTheChildsStashToItsParent() {
        JsonNode parent = succeeds("job-stash-child-parent");
        JsonNode child = succeededChildren("spawned_jobs", parent, 1).get(0);
        assertEquals(
                "{\"hello\":\"Sparky\"}",
                api.get("/api/v1/builds/" + child.path("id").asLong() + "/stash")
                        .body());
        String log = log("job-stash-child-parent", parent.path("jobId").asText());
        assertTrue(log.contains("hello") && log.contains("\"Sparky\""), log);
    }

    @Test
    void jobStashParentChildPassesAStashWrittenBeforeTheChildWasQueued() {
        JsonNode parent = succeeds("job-stash-parent-child");
        JsonNode child = succeededChildren("spawned_jobs", parent, 1).get(0);
        assertEquals(
                "{\"hello\":\"world\"}",
                api.get("/api/v1/builds/" + child.path("id").asLong() + "/stash")
                        .body());
        String log = log("spawned_jobs", child.path("jobId").asText());
        assertTrue(log.contains("hello") && log.contains("\"world\""), log);
    }

    @Test
    void jobFile01StoresTheChildsFileInItsOwnSpawnProject() throws IOException {
        JsonNode parent = succeeds("job-file-01");
        JsonNode child = Waits.until(CHAIN, "the child of job-file-01 in a spawn project", () -> {
            for (int n = 1; n <= 4; n++) {
                JsonNode items = api.get("/api/v1/builds?project=job-file-01.spawned_0" + n)
                        .json()
                        .path("items");
                for (JsonNode b : items) {
                    if (b.path("parentBuildId").asLong() == parent.path("id").asLong()
                            && "succeeded".equals(b.path("state").asText())) {
                        return b;
                    }
                }
            }
            return null;
        });
        String file = api.get("/api/v1/builds/" + child.path("id").asLong() + "/artifacts/file1")
                .body();
        assertEquals(Files.readString(Path.of(resource("job-file-01/sparrowfile"))), file);
    }

    @Test
    void aBuildsTokenCannotReachOutsideItsScopeNorPastTheLimits() {
        JsonNode build = succeeds("intruder");
        String log = log("intruder", build.path("jobId").asText());
        Map<String, String> a = answers(log);
        assertTrue(
                a.get("queue-victim").startsWith("403 ")
                        && a.get("queue-victim")
                                .contains("a build of project intruder may not start builds of project victim"),
                log);
        assertTrue(
                a.get("stash-victim").startsWith("403 ")
                        && a.get("stash-victim").contains("may not write to build victim/victim-first"),
                log);
        assertTrue(a.get("stash-victim-new").startsWith("403 "), log);
        assertTrue(a.get("read-victim-stash").startsWith("403 "), log);
        assertTrue(a.get("file-victim").startsWith("403 "), log);
        assertTrue(a.get("read-victim-file").startsWith("403 "), log);
        assertTrue(a.get("no-token").startsWith("401 ") && a.get("no-token").contains("missing job API token"), log);
        assertTrue(
                a.get("big-sparrowfile").startsWith("413 ")
                        && a.get("big-sparrowfile").contains("more than the 524288 bytes a sent scenario may have"),
                log);
        assertTrue(a.get("big-stash").startsWith("413 "), log);
        assertTrue(a.get("big-file").startsWith("413 ") && a.get("big-file").contains("artifact big is larger"), log);
        assertTrue(a.get("own-stash").startsWith("200 "), log);
        assertEquals(
                "404",
                String.valueOf(api.get("/api/v1/projects/victim/jobs/"
                                + build.path("jobId").asText() + "-v")
                        .status()),
                "nothing was queued for victim");
        assertEquals(
                "{}",
                api.get("/api/v1/builds/"
                                + api.build("victim", "victim-first").path("id").asLong() + "/stash")
                        .body(),
                "victim's stash is untouched");

        // the token of the build that ended, and a forged one: both refused
        String token = api.get("/api/v1/builds/" + build.path("id").asLong() + "/artifacts/token")
                .body();
        assertTrue(token.length() > 16, token);
        // the UI trusts a token the dispatcher confirmed for up to 5 s (sparky.job-api.token-cache-ttl)
        HttpResponse<String> finished =
                Waits.until(Duration.ofSeconds(20), "the ended build's token to be refused", () -> {
                    HttpResponse<String> r =
                            send("/stash/intruder/" + build.path("jobId").asText(), token);
                    return r.statusCode() == 200 ? null : r;
                });
        assertEquals(401, finished.statusCode(), finished.body());
        assertTrue(finished.body().contains("invalid or expired job API token"), finished.body());
        HttpResponse<String> forged =
                send("/trigger/intruder/" + build.path("jobId").asText(), "Zm9yZ2VkLXRva2VuLWZvcmdlZC10b2tlbg");
        assertEquals(401, forged.statusCode(), forged.body());
    }

    private HttpResponse<String> send(String path, String token) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(api.base() + path))
                            .header("token", token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> answers(String log) {
        Map<String, String> out = new HashMap<>();
        Arrays.stream(log.split("\n"))
                .map(l -> l.split(" ", 2))
                .filter(p -> p.length == 2)
                .forEach(p -> out.put(p[0], p[1]));
        return out;
    }

    private static Map<String, String> params(JsonNode build) {
        Map<String, String> out = new HashMap<>();
        build.path("params")
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private String resource(String name) {
        try {
            return Path.of(getClass().getResource("/sparky-job-api/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
