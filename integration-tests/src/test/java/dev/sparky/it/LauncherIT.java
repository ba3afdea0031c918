package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.testkit.Ports;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/sparky} as a user runs it: up creates the home with examples and starts everything, a build runs,
 * status shows the processes, a second up refuses, down leaves no process behind; Ctrl-C on a foreground up,
 * while it starts or once it is up, and down from another shell stop every process it started.
 */
class LauncherIT {
    /** Up to 'Sparky is up', a build included: 'up' builds first when a source is newer than the jars. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);

    private final Path root = SparkyCluster.repoRootFromBuild();

    @Test
    void upRunsABuildAndDownLeavesNothingBehind() throws Exception {
        Path home = Files.createTempDirectory("sparky-launcher");
        Map<String, String> env = ports(home);
        List<Long> pids = new java.util.ArrayList<>();
        try {
            // Listening beyond this machine needs login on: refused before anything starts.
            Result open = run(env, Duration.ofSeconds(30), "up", "-d", "--listen", "0.0.0.0");
            assertEquals(1, open.code(), open.output());
            assertTrue(open.output().contains("turn login on with SPARKY_AUTH_MODE=on"), open.output());
            Result up = run(env, Duration.ofMinutes(6), "up", "-d");
            assertEquals(0, up.code(), up.output());
            assertTrue(
                    up.output().contains("Sparky is up: http://127.0.0.1:" + env.get("SPARKY_UI_PORT")), up.output());
            assertTrue(Files.isRegularFile(home.resolve("projects/hello/job.sh")), "examples copied into the home");

            SparkyApi api = new SparkyApi("http://127.0.0.1:" + env.get("SPARKY_UI_PORT"));
            String jobId = api.trigger("hello");
            assertEquals(1, api.awaitTerminal("hello", jobId, Duration.ofSeconds(60)));
            // The parent holds one runner while it waits for its three children: they run on the second.
            String fanout = api.trigger("fanout");
            assertEquals(
                    1,
                    api.awaitTerminal("fanout", fanout, Duration.ofSeconds(120)),
                    "fanout ends with the runners 'up' starts");

            Result status = run(env, Duration.ofSeconds(30), "status");
            for (String name : List.of("kafka", "dispatcher", "scheduler", "ui", "runner-1", "runner-2")) {
                assertTrue(
                        status.output().matches("(?s).*" + name + "\\s+\\d+\\s+running\\s+\\d+\\s+yes.*"),
                        name + " runs and is ready:\n" + status.output());
            }
            scaleDownMidBuildLosesNothingAndNewRunnersTakeQueuedWork(env, home, api);

            Result again = run(env, Duration.ofSeconds(30), "up", "-d");
            assertEquals(1, again.code());
            assertTrue(again.output().contains("already running"), again.output());
            pids.addAll(pidsIn(home.resolve("run")));
            assertTrue(pids.size() >= 6, "pid files of kafka, dispatcher, scheduler, ui and the runners: " + pids);
        } finally {
            Result down = run(env, Duration.ofMinutes(2), "down");
            assertEquals(0, down.code(), down.output());
        }
        List<Long> left = pids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
        assertEquals(List.of(), left, "no process started by 'up' is left after 'down'");
    }

    @Test
    void ctrlCStopsEverythingDuringStartUpAndOnceUp() throws Exception {
        Path home = Files.createTempDirectory("sparky-ctrl-c");
        Map<String, String> env = withoutClassDataArchives(ports(home));
        List<ForegroundLauncher> launchers = new java.util.ArrayList<>();
        try {
            ForegroundLauncher starting = ForegroundLauncher.start(root, env);
            launchers.add(starting);
            // As soon as the broker runs, long before anything is ready.
            Waits.until(
                    UP_TIMEOUT,
                    "the broker started",
                    () -> Files.exists(home.resolve("run/kafka.pid")) || !starting.isAlive());
            starting.interrupt();
            assertStopsEverything(starting, home, "Ctrl-C during start-up");
            assertFalse(
                    starting.output().contains("Sparky is up"), "interrupted before it was up:\n" + starting.output());

            ForegroundLauncher up = ForegroundLauncher.start(root, env);
            launchers.add(up);
            awaitUp(up);
            assertTrue(up.pidFiles().size() >= 7, "launcher, broker, 3 services, 2 runners: " + up.pidFiles());
            up.interrupt();
            assertStopsEverything(up, home, "Ctrl-C once up");
            assertTrue(up.output().contains("Stopped."), up.output());
        } finally {
            for (ForegroundLauncher l : launchers) {
                l.stop();
            }
            run(env, Duration.ofMinutes(3), "down");
        }
    }

    @Test
    void downFromAnotherShellStopsAForegroundUp() throws Exception {
        Path home = Files.createTempDirectory("sparky-down");
        Map<String, String> env = withoutClassDataArchives(ports(home));
        ForegroundLauncher up = ForegroundLauncher.start(root, env);
        try {
            awaitUp(up);
            Result down = run(env, Duration.ofMinutes(3), "down");
            assertEquals(0, down.code(), down.output());
            assertStopsEverything(up, home, "down from another shell");
        } finally {
            up.stop();
            run(env, Duration.ofMinutes(3), "down");
        }
    }

    private static void awaitUp(ForegroundLauncher up) {
        Waits.until(
                UP_TIMEOUT,
                "'Sparky is up' from the foreground launcher",
                () -> up.output().contains("Sparky is up") || !up.isAlive());
        assertTrue(up.output().contains("Sparky is up"), up.output());
    }

    /** The launcher returns, and no process of the home (by environment or command line) is left, within a minute. */
    private static void assertStopsEverything(ForegroundLauncher launcher, Path home, String how) throws Exception {
        assertTrue(launcher.exitsWithin(60), how + ": the launcher returns within a minute\n" + launcher.output());
        Waits.until(
                Duration.ofSeconds(60),
                how + ": no process of " + home + " left (still: " + ForegroundLauncher.processesOf(home) + ")",
                () -> ForegroundLauncher.processesOf(home).isEmpty());
    }

    /** {@code bin/sparky scale runners N} behaves like {@code kubectl scale}: SIGTERM, drain, nothing lost. */
    private void scaleDownMidBuildLosesNothingAndNewRunnersTakeQueuedWork(
            Map<String, String> env, Path home, SparkyApi api) throws Exception {
        ClusterFixture.project(
                home,
                "parallel",
                "allow_manual_run: true\nconcurrency: 4\n",
                "#!/usr/bin/env bash\necho \"start $SPARKY_JOB_ID\"\nsleep 6\necho \"end $SPARKY_JOB_ID\"\n");
        Result up = run(env, Duration.ofMinutes(3), "scale", "runners", "3");
        assertEquals(0, up.code(), up.output());
        List<String> running = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(api.trigger("parallel"));
        }
        dev.sparky.testkit.Waits.until(
                Duration.ofSeconds(30),
                "three builds running at once",
                () -> running.stream().allMatch(id -> Integer.valueOf(0).equals(api.status("parallel", id))));
        Result down = run(env, Duration.ofMinutes(2), "scale", "runners", "1");
        assertEquals(0, down.code(), down.output());
        for (String id : running) {
            assertEquals(
                    1,
                    api.awaitTerminal("parallel", id, Duration.ofSeconds(60)),
                    id + ": a scale-down in the middle of a build loses nothing");
            assertEquals(1, api.build("parallel", id).path("attempt").asInt(), "finished within the grace period");
        }
        // Builds that hold their runner until released: runner-1 can take only one, however slowly the new
        // runners start on a busy machine, so the other two must be taken by the runners 'scale' adds.
        Path release = home.resolve("release-gated");
        ClusterFixture.project(
                home,
                "gated",
                "allow_manual_run: true\nconcurrency: 4\n",
                "#!/usr/bin/env bash\nuntil [ -e '" + release
                        + "' ]; do sleep 0.1; done\necho \"end $SPARKY_JOB_ID\"\n");
        List<String> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(api.trigger("gated"));
        }
        assertEquals(0, run(env, Duration.ofMinutes(3), "scale", "runners", "3").code());
        dev.sparky.testkit.Waits.until(
                Duration.ofSeconds(90),
                "the queued builds running on three runners",
                () -> queued.stream().allMatch(id -> Integer.valueOf(0).equals(api.status("gated", id))));
        Files.writeString(release, "go\n");
        for (String id : queued) {
            assertEquals(1, api.awaitTerminal("gated", id, Duration.ofSeconds(90)));
        }
        java.util.Set<String> runners = new java.util.HashSet<>();
        queued.forEach(id -> runners.add(api.build("gated", id).path("runnerId").asText()));
        assertEquals(3, runners.size(), "the new runners took the queued builds: " + runners);
    }

    /**
     * The stop tests turn off the class data archives that a home's first 'up' writes: what they test is the stop,
     * and writing the archives costs every process's start-up CPU once more (the first test keeps them on, as a
     * newcomer's first 'up' has them).
     */
    private static Map<String, String> withoutClassDataArchives(Map<String, String> env) {
        env.put("SPARKY_CDS", "off");
        return env;
    }

    private Map<String, String> ports(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("SPARKY_HOME", home.toString());
        env.put("SPARKY_UI_PORT", Integer.toString(Ports.free()));
        env.put("SPARKY_DISPATCHER_PORT", Integer.toString(Ports.free()));
        env.put("SPARKY_SCHEDULER_PORT", Integer.toString(Ports.free()));
        env.put("SPARKY_RUNNER_BASE_PORT", Integer.toString(runnerBasePort()));
        env.put("SPARKY_KAFKA_PORT", Integer.toString(Ports.free()));
        env.put("SPARKY_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()));
        return env;
    }

    /** Runner n listens on base + n: a base whose next three ports are free too (other tests run on this machine). */
    private static int runnerBasePort() {
        for (int tries = 0; tries < 100; tries++) {
            int base = Ports.free();
            if (java.util.stream.IntStream.rangeClosed(1, 3).allMatch(n -> bindable(base + n))) {
                return base;
            }
        }
        throw new IllegalStateException("no four free ports in a row for the runners");
    }

    private static boolean bindable(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int code, String output) {}

    private Result run(Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> cmd =
                new java.util.ArrayList<>(List.of(root.resolve("bin/sparky").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(root.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("sparky-launcher", ".out");
        Process p = pb.redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static List<Long> pidsIn(Path run) throws IOException {
        try (var files = Files.list(run)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .map(f -> {
                        try {
                            return Long.parseLong(Files.readString(f).trim());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
