package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.api.TriggerRequest;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Golden scenarios: a project folder in ({@code src/test/resources/scenarios/<name>/project}), the expected
 * state and log out ({@code expect.yaml}). Each scenario is built once through the public API on a real cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenScenarioIT {
    private static final Path SCENARIOS =
            SparkyCluster.repoRootFromBuild().resolve("integration-tests/src/test/resources/scenarios");
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void start() throws IOException {
        Path home = Files.createTempDirectory("sparky-it-golden");
        for (String name : names()) {
            copyTree(
                    SCENARIOS.resolve(name).resolve("project"),
                    home.resolve("projects").resolve(name));
        }
        // The secrets scenario's value, in its project's secret folder (never the runner's environment).
        Path secret = home.resolve("secrets/secrets/SPARKY_IT_SECRET");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "hunter2-golden-value");
        cluster = ClusterFixture.cluster(
                        home, Map.of("SPARKY_DISPATCHER_LOG_CAP", "1M", "SPARKY_RUNNER_KILL_GRACE", "2s"))
                .start(2, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return names().stream().map(name -> DynamicTest.dynamicTest(name, () -> run(name)));
    }

    @SuppressWarnings("unchecked")
    private void run(String name) throws IOException {
        Map<String, Object> expect =
                new Yaml().load(Files.readString(SCENARIOS.resolve(name).resolve("expect.yaml")));
        Map<String, String> params = (Map<String, String>) expect.getOrDefault("params", Map.of());
        Answer accepted = api.postJson(
                "/api/v1/projects/" + name + "/builds", new TriggerRequest(params, "golden scenario " + name, null));
        assertEquals(202, accepted.status(), accepted.body());
        String jobId = accepted.json().path("jobId").asText();
        api.awaitTerminal(name, jobId, Duration.ofSeconds(90));
        JsonNode build = api.build(name, jobId);
        String log = api.get("/report/raw/" + name + "/" + jobId).body();
        String where = name + ": " + build + "\n--- log ---\n" + cut(log);

        assertEquals(expect.get("state"), build.path("state").asText(), where);
        if (expect.containsKey("exit_code")) {
            assertEquals(expect.get("exit_code"), build.path("exitCode").asInt(), where);
        }
        if (expect.containsKey("sparky_code")) {
            assertEquals(
                    String.valueOf(expect.get("sparky_code")),
                    api.get("/status/" + name + "/" + jobId).body().trim(),
                    where);
        }
        if (expect.containsKey("attempts")) {
            assertEquals(expect.get("attempts"), build.path("attempts").size(), where);
        }
        if (expect.containsKey("reason_contains")) {
            assertTrue(build.path("reason").asText().contains((String) expect.get("reason_contains")), where);
        }
        for (String s : (List<String>) expect.getOrDefault("log_contains", List.of())) {
            assertTrue(log.contains(s), "log contains [" + s + "] in " + where);
        }
        for (String s : (List<String>) expect.getOrDefault("log_excludes", List.of())) {
            assertFalse(log.contains(s), "log must not contain [" + s + "] in " + where);
        }
        if (expect.containsKey("log_max_bytes")) {
            int size = log.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(size <= (Integer) expect.get("log_max_bytes"), name + ": log of " + size + " bytes");
        }
        if (expect.containsKey("no_process_named")) {
            String pattern = ((String) expect.get("no_process_named")).replace("${JOB_ID}", jobId);
            Waits.until(
                    Duration.ofSeconds(10),
                    "no process " + pattern,
                    () -> pgrep(pattern).isEmpty());
        }
    }

    private static List<String> names() {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pgrep(String pattern) {
        try {
            Process p = new ProcessBuilder("pgrep", "-f", pattern).start();
            p.waitFor();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String log) {
        return log.length() > 2000 ? log.substring(0, 1000) + "\n...\n" + log.substring(log.length() - 1000) : log;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
