package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Sparky's example projects that need no other host, written again with the same DSL functions and client calls
 * (test resources {@code sparky-examples/}), run to success on the real services, and the kinds that need
 * another host end with an error that says what to do instead.
 *
 * <p>The runners here serve Sparky::JobApi's port through their loopback forwarder
 * ({@code SPARKY_RUNNER_JOB_API_FORWARDER=always}), as a runner pod does: {@code SPARKY_TCP_PORT} is the
 * forwarder's port, where no UI listens, so every {@code queue()} below went through it.
 *
 * <p>The Sparrow plugins ({@code bash}, {@code directory}) come from the repository named by
 * {@code -Dit.sparrow-repo} or {@code SPARKY_SPARROW_REPO} (a {@code file://} URL), else from sparrowdo's default,
 * which needs the internet. Needs Raku, sparrowdo and Sparky::JobApi ({@code bin/sparky install-raku}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(
        value = "dev.sparky.it.SparrowfileIT#runnable",
        disabledReason = "Raku and sparrowdo are not installed "
                + "(no /usr/lib/perl6/site/bin/sparrowdo): run bin/sparky install-raku to run this test "
                + "(-Dit.require-raku=true makes it fail instead of skipping)")
class SparkyExamplesIT {
    /** A sparrowdo build with a plugin is several raku processes: up to minutes on a loaded 2-core machine. */
    private static final Duration BUILD = Duration.ofMinutes(12);

    private static final Pattern SENT_TO =
            Pattern.compile(">>> send request: POST job to http://127\\.0\\.0\\.1:(\\d+)/queue");

    private SparkyCluster cluster;
    private SparkyApi api;
    /** Every example is queued at the start, so that both runners work while the tests wait in turn. */
    private final Map<String, String> queued = new HashMap<>();

    @BeforeAll
    void start() throws IOException, URISyntaxException {
        Path home = Files.createTempDirectory("sparky-it-examples");
        Path examples = Path.of(getClass().getResource("/sparky-examples").toURI());
        copyTree(examples, home.resolve("projects"));
        Files.delete(home.resolve("projects/README.md"));
        Map<String, String> env = new HashMap<>(Map.of("SPARKY_RUNNER_JOB_API_FORWARDER", "always"));
        String repo = System.getProperty("it.sparrow-repo", System.getenv().getOrDefault("SPARKY_SPARROW_REPO", ""));
        if (!repo.isBlank()) {
            env.put("SPARKY_SPARROW_REPO", repo);
        }
        cluster = ClusterFixture.cluster(home, env).start(2, false);
        api = cluster.api();
        for (String project : new String[] {
            "raku-project", "job-queue-override-attr", "hello-world", "job-queue-workers", "job-queue-override-host"
        }) {
            queued.put(project, api.trigger(project));
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private JsonNode succeeds(String project) {
        String jobId = queued.get(project);
        assertEquals(1, api.awaitTerminal(project, jobId, BUILD), () -> log(project, jobId) + cluster.diagnostics());
        return api.build(project, jobId);
    }

    private String log(String project, String jobId) {
        return api.get("/report/raw/" + project + "/" + jobId).body();
    }

    private String log(JsonNode build) {
        return log(build.path("project").asText(), build.path("jobId").asText());
    }

    /** The succeeded build whose parent is {@code parent} and whose project matches {@code project}. */
    private JsonNode succeededChild(JsonNode parent, String project) {
        long parentId = parent.path("id").asLong();
        return Waits.until(BUILD, "a child of build " + parentId + " in " + project + " to succeed", () -> {
            for (JsonNode b : api.get("/api/v1/builds?limit=100").json().path("items")) {
                if (b.path("parentBuildId").asLong() == parentId
                        && b.path("project").asText().matches(project)) {
                    String state = b.path("state").asText();
                    assertFalse(state.equals("failed") || state.equals("cancelled"), () -> log(b));
                    return "succeeded".equals(state) ? b : null;
                }
            }
            return null;
        });
    }

    /** The client's queue() went to the runner's forwarder, not to the UI's own port. */
    private void queuedThroughTheForwarder(String log) {
        Matcher m = SENT_TO.matcher(log);
        assertTrue(m.find(), log);
        assertNotEquals(URI.create(api.base()).getPort(), Integer.parseInt(m.group(1)), log);
    }

    @Test
    void helloWorldRunsItsBashResource() {
        JsonNode build = succeeds("hello-world");
        assertTrue(log(build).contains("Hello from a sparrowfile"), log(build));
        JsonNode project = api.get("/api/v1/projects/hello-world").json();
        assertTrue(project.path("buildable").asBoolean(), "bootstrap: false loads as in Sparky: " + project);
    }

    @Test
    void rakuProjectPassesItsModulesTests() {
        String log = log(succeeds("raku-project"));
        assertTrue(log.contains("ok 1 - greets by name"), log);
        assertTrue(log.contains("ok 2 - refuses an undefined name"), log);
        assertTrue(log.contains("All tests successful"), log);
    }

    @Test
    void jobQueueWorkersRunsTheChildInOneOfItsSpawnProjects() {
        JsonNode parent = succeeds("job-queue-workers");
        queuedThroughTheForwarder(log(parent));
        JsonNode child = succeededChild(parent, "job-queue-workers\\.spawned_(0[1-9]|1[0-2])");
        String log = log(child);
        assertTrue(log.contains("worker here, project " + child.path("project").asText()), log);
        assertEquals("a worker's job", child.path("description").asText());
    }

    @Test
    void jobQueueOverrideAttrQueuesAChildAndAGrandchildWithTheirOwnFlags() {
        JsonNode parent = succeeds("job-queue-override-attr");
        queuedThroughTheForwarder(log(parent));
        JsonNode child = succeededChild(parent, "spawned_01");
        queuedThroughTheForwarder(log(child));
        JsonNode grandchild = succeededChild(child, "spawned_02");
        String log = log(grandchild);
        assertTrue(log.contains("grandchild on "), log);
        assertTrue(log.contains("grandchild done"), log);
    }

    @Test
    void aChildQueuedForAnotherHostIsRefusedAndTheBuildSaysWhatToDo() {
        String jobId = queued.get("job-queue-override-host");
        assertEquals(-1, api.awaitTerminal("job-queue-override-host", jobId, BUILD), cluster::diagnostics);
        String log = log("job-queue-override-host", jobId);
        assertTrue(log.contains("config.sparrowdo.host: a child build runs on a runner of this installation"), log);
        assertTrue(log.contains("names a runner pool whose runners are that host"), log);
        assertEquals(
                0,
                api.get("/api/v1/builds?project=remote_01&limit=50")
                        .json()
                        .path("items")
                        .size(),
                "nothing was queued");
    }

    @Test
    void aProjectThatRunsInADockerContainerIsRefusedWhenItLoads() {
        JsonNode project = api.get("/api/v1/projects/sparrowdo-docker").json();
        assertFalse(project.path("buildable").asBoolean(true), project.toString());
        String message = project.path("issues").path(0).path("message").asText();
        assertTrue(
                message.startsWith("sparrowdo.docker: a build runs on the runner that takes it, never on another "
                        + "host or container: remove docker and run this project on a runner pool"),
                project.toString());
        SparkyApi.Answer refused = api.post("/build/project/sparrowdo-docker");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("sparrowdo.docker"), refused.body());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
