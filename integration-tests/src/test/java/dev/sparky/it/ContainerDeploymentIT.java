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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The product's Kubernetes manifests run for real: {@code bin/sparky cluster up} plays k8s/overlays/dev (plus
 * k8s/overlays/local for podman's gaps) with {@code podman kube play}, from the images of {@code bin/sparky
 * images} and a Kafka broker image. On the played pods: a build runs on a containerised runner and its log is
 * read through the API; a runner cannot write the projects volume; a runner container killed mid-build leaves
 * its build to another runner (attempt 2); runners go from 1 to 3 and back with a SIGTERM drain that loses no
 * build; the dispatcher's pod is removed and played again and every build, log and artifact is still there.
 *
 * <p>Needs root and podman: {@code bin/sparky test} installs podman and sets {@code -Dit.require-containers=true};
 * without that property the class is skipped. The images are built here ({@code cluster up --local-base}: a Debian
 * base made with debootstrap, no registry needed), cached after the first run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(
        value = "enabled",
        disabledReason = "the container deployment test runs with -Dit.require-containers=true "
                + "only (bin/sparky test sets it after installing podman; it needs root and builds the images)")
class ContainerDeploymentIT {
    private static final Duration BUILD = Duration.ofSeconds(120);
    private final Path root = SparkyCluster.repoRootFromBuild();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final SparkyApi api = new SparkyApi("http://127.0.0.1:8080");
    /** Every build made here, project and job id: all must survive the dispatcher's re-creation. */
    private final Map<String, String> builds = new LinkedHashMap<>();

    private String artifactBuild;

    static boolean enabled() {
        return Boolean.getBoolean("it.require-containers");
    }

    @BeforeAll
    void up() throws Exception {
        Path home = Files.createTempDirectory("sparky-it-cluster");
        env.put("SPARKY_HOME", home.toString());
        // The runner image's Raku modules from archives (bin/sparky test passes the folder it installed Raku from).
        String rakuModules = System.getProperty("it.raku-modules", "");
        if (!rakuModules.isBlank()) {
            env.put("SPARKY_RAKU_MODULES", rakuModules);
        }
        sparky(Duration.ofMinutes(3), "cluster", "down", "--volumes");
        Result up = sparky(Duration.ofMinutes(10), "cluster", "up", "--local-base");
        assertEquals(0, up.code(), up.output());
        assertTrue(up.output().contains("http://127.0.0.1:8080"), up.output());
        Path projects = Path.of(podman("volume", "inspect", "--format", "{{.Mountpoint}}", "sparky-projects")
                .trim());
        assertTrue(Files.isRegularFile(projects.resolve("hello/job.sh")), "the examples are in the projects volume");
        project(projects, "writer", "echo trying\necho owned > /var/lib/sparky/projects/writer/owned.txt\n");
        project(projects, "slow", "echo \"start $SPARKY_JOB_ID\"\nsleep 15\necho \"end $SPARKY_JOB_ID\"\n");
        // Short enough to finish within a runner's drain time (SPARKY_RUNNER_DRAIN_TIMEOUT, 25 s).
        project(projects, "drained", "echo \"start $SPARKY_JOB_ID\"\nsleep 8\necho \"end $SPARKY_JOB_ID\"\n");
        project(
                projects,
                "artifact",
                "echo 'made in a pod' > out.txt\ncurl -fsS -X PUT \"$SPARKY_API/api/v1/job/artifacts/out.txt\" "
                        + "-H \"Authorization: Bearer $SPARKY_API_TOKEN\" -H 'Content-Type: application/octet-stream' --data-binary @out.txt\n");
    }

    @AfterAll
    void down() throws Exception {
        Result down = sparky(Duration.ofMinutes(3), "cluster", "down", "--volumes");
        assertEquals(0, down.code(), down.output());
        assertEquals(
                "",
                podman("pod", "ps", "--filter", "name=^sparky-", "--format", "{{.Name}}")
                        .trim(),
                "no pod left after down");
    }

    @Test
    @Order(1)
    void anExampleBuildRunsOnAContainerisedRunnerAndItsLogIsReadable() {
        String job = trigger("hello");
        assertEquals(1, api.awaitTerminal("hello", job, BUILD));
        assertTrue(api.build("hello", job).path("runnerId").asText().startsWith("sparky-runner-"));
        String log = api.get("/report/raw/hello/" + job).body();
        assertTrue(log.contains("Hello from Sparky!") && log.contains("workspace: /var/lib/sparky/work"), log);
        artifactBuild = trigger("artifact");
        assertEquals(
                1,
                api.awaitTerminal("artifact", artifactBuild, BUILD),
                () -> api.get("/report/raw/artifact/" + artifactBuild).body());
        assertTrue(artifacts(artifactBuild).contains("out.txt"));
    }

    /**
     * Sparky::JobApi unchanged in a runner pod: the module calls 127.0.0.1, where no UI listens in a pod, so the
     * runner's loopback forwarder takes the call to the UI's service; the child runs the sparrowfile it was sent.
     */
    @Test
    @Order(1)
    void aSparrowfileQueuesAChildThroughSparkyJobApiInAPod() throws Exception {
        Path projects = Path.of(podman("volume", "inspect", "--format", "{{.Mountpoint}}", "sparky-projects")
                .trim());
        Path example =
                Path.of(getClass().getResource("/sparky-job-api/job-queue").toURI());
        Path dir = Files.createDirectories(projects.resolve("job-queue"));
        Files.copy(example.resolve("sparrowfile"), dir.resolve("sparrowfile"));
        Files.copy(example.resolve("sparky.yaml"), dir.resolve("sparky.yaml"));
        new ProcessBuilder("chown", "-R", "1001:1001", dir.toString())
                .inheritIO()
                .start()
                .waitFor();
        String job = trigger("job-queue");
        assertEquals(
                1,
                api.awaitTerminal("job-queue", job, BUILD),
                () -> api.get("/report/raw/job-queue/" + job).body());
        JsonNode child = Waits.until(BUILD, "the child build in spawned_01 to succeed", () -> {
            JsonNode first = api.get("/api/v1/builds?project=spawned_01&limit=1")
                    .json()
                    .path("items")
                    .path(0);
            return first.path("state").asText().equals("succeeded") ? first : null;
        });
        String childLog = api.get(
                        "/report/raw/spawned_01/" + child.path("jobId").asText())
                .body();
        assertTrue(childLog.contains("I am a child scenario"), childLog);
    }

    /** Login is off in cluster mode because nothing listens beyond this machine: tried on every other address. */
    @Test
    @Order(2)
    void everyPodListensOnLoopbackOnlyAndTheRunnerHasNoServiceToken() throws Exception {
        List<java.net.InetAddress> others =
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                        .flatMap(NetworkInterface -> NetworkInterface.inetAddresses())
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .toList();
        org.junit.jupiter.api.Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but loopback");
        for (java.net.InetAddress address : others) {
            for (int port : new int[] {8080, 8180, 8280, 8381, 19092, 19093}) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(address, port), 2000);
                    org.junit.jupiter.api.Assertions.fail(address + ":" + port + " answers: only 127.0.0.1 may");
                } catch (IOException expected) {
                    // refused: nothing listens there
                }
            }
        }
        // Builds run in the runner's pod: the service credential must not be in its environment.
        String runnerEnv = podman("exec", "sparky-runner-1-runner", "env");
        assertFalse(runnerEnv.contains("SPARKY_SERVICE_TOKEN="), "the runner has no service token");
        assertTrue(runnerEnv.contains("SPARKY_RUNNER_ID=sparky-runner-1"), runnerEnv);
    }

    @Test
    @Order(2)
    void aRunnerCannotWriteTheProjectsVolume() throws Exception {
        String job = trigger("writer");
        assertEquals(-1, api.awaitTerminal("writer", job, BUILD), "the write fails the build");
        String log = api.get("/report/raw/writer/" + job).body();
        assertTrue(log.contains("Read-only file system") || log.contains("Permission denied"), log);
        Path projects = Path.of(podman("volume", "inspect", "--format", "{{.Mountpoint}}", "sparky-projects")
                .trim());
        assertFalse(Files.exists(projects.resolve("writer/owned.txt")));
    }

    @Test
    @Order(3)
    void aKilledRunnerContainersBuildFinishesAsAttemptTwoOnAnotherRunner() throws Exception {
        Result scale = sparky(Duration.ofMinutes(4), "cluster", "scale", "runners", "2");
        assertEquals(0, scale.code(), scale.output());
        String job = trigger("slow");
        Waits.until(
                Duration.ofSeconds(60),
                "the slow build runs",
                () -> Integer.valueOf(0).equals(api.status("slow", job)));
        String runner = api.build("slow", job).path("runnerId").asText();
        podman("kill", runner + "-runner");
        assertEquals(1, api.awaitTerminal("slow", job, Duration.ofSeconds(180)));
        JsonNode build = api.build("slow", job);
        assertEquals(2, build.path("attempt").asInt(), build.toString());
        assertNotEquals(runner, build.path("runnerId").asText(), "the second attempt ran elsewhere: " + build);
    }

    @Test
    @Order(4)
    void runnersScaleFromOneToThreeAndBackWithADrainThatLosesNoBuild() throws Exception {
        assertEquals(
                0,
                sparky(Duration.ofMinutes(3), "cluster", "scale", "runners", "1")
                        .code());
        Result up = sparky(Duration.ofMinutes(4), "cluster", "scale", "runners", "3");
        assertEquals(0, up.code(), up.output());
        assertTrue(status().contains("sparky-runner-3"), status());
        List<String> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(trigger("drained"));
        }
        Waits.until(
                Duration.ofSeconds(60),
                "three builds running at once",
                () -> running.stream().allMatch(id -> Integer.valueOf(0).equals(api.status("drained", id))));
        // SIGTERM with the pods' grace period: each runner finishes its build (drain) before it goes.
        Result down = sparky(Duration.ofMinutes(3), "cluster", "scale", "runners", "1");
        assertEquals(0, down.code(), down.output());
        for (String id : running) {
            assertEquals(1, api.awaitTerminal("drained", id, Duration.ofSeconds(90)), id + " lost in the scale-down");
        }
        String pods = status();
        assertTrue(
                pods.contains("sparky-runner-1")
                        && !pods.contains("sparky-runner-2")
                        && !pods.contains("sparky-runner-3"),
                pods);
    }

    @Test
    @Order(5)
    void theDispatchersPodIsPlayedAgainAndEveryBuildLogAndArtifactIsStillThere() throws Exception {
        Map<String, String> before = new LinkedHashMap<>();
        builds.forEach((job, project) ->
                before.put(job, api.build(project, job).path("state").asText()));
        Result restart = sparky(Duration.ofMinutes(4), "cluster", "restart", "sparky-dispatcher");
        assertEquals(0, restart.code(), restart.output());
        builds.forEach((job, project) -> {
            assertEquals(before.get(job), api.build(project, job).path("state").asText(), project + " " + job);
            assertTrue(
                    api.get("/report/raw/" + project + "/" + job).body().length() > 0, "log of " + project + " " + job);
        });
        assertTrue(artifacts(artifactBuild).contains("out.txt"), "the artifact is on the state volume");
        assertEquals(1, api.awaitTerminal("hello", trigger("hello"), BUILD), "and the dispatcher takes new builds");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private String trigger(String project) {
        String job = api.trigger(project);
        builds.put(job, project);
        return job;
    }

    private String artifacts(String job) {
        long id = api.build("artifact", job).path("id").asLong();
        return api.get("/api/v1/builds/" + id + "/artifacts").body();
    }

    private String status() throws Exception {
        return sparky(Duration.ofSeconds(60), "cluster", "status").output();
    }

    private static void project(Path projects, String name, String script) throws IOException, InterruptedException {
        // Builds of one project run one at a time unless it allows more.
        project(projects, name, "allow_manual_run: true\nconcurrency: 4\n", script);
    }

    private static void project(Path projects, String name, String yaml, String script)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(projects.resolve(name));
        Files.writeString(dir.resolve("sparky.yaml"), yaml);
        Path job = dir.resolve("job.sh");
        Files.writeString(job, "#!/usr/bin/env bash\nset -euo pipefail\n" + script);
        job.toFile().setExecutable(true, false);
        // The pods' user owns the volume (as fsGroup makes it on a cluster).
        new ProcessBuilder("chown", "-R", "1001:1001", dir.toString())
                .inheritIO()
                .start()
                .waitFor();
    }

    private String podman(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (lacksSysResource()) {
            // The settings bin/lib/cluster.sh plays the pods with on such a host (runc, cgroupfs).
            pb.environment()
                    .put(
                            "CONTAINERS_CONF",
                            root.resolve("bin/lib/images/containers.conf").toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "podman " + args[0]);
        assertEquals(0, p.exitValue(), "podman " + String.join(" ", args) + ": " + out);
        return out;
    }

    /** Root without CAP_SYS_RESOURCE (bit 24 of CapEff), as bin/lib/cluster.sh tests it. */
    private static boolean lacksSysResource() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:"))
                .map(l -> Long.parseUnsignedLong(l.substring(7).trim(), 16))
                .anyMatch(caps -> (caps >> 24 & 1) == 0);
    }

    private Result sparky(Duration timeout, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(root.resolve("bin/sparky").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("sparky-cluster", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            return new Result(-1, Files.readString(log) + "\n(timed out after " + timeout + ")");
        }
        String out = Files.readString(log);
        System.out.println(out);
        return new Result(p.exitValue(), out);
    }

    private record Result(int code, String output) {}
}
