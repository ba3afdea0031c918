package dev.sparky.bench;

import dev.sparky.bench.data.BenchProjects;
import dev.sparky.bench.report.Metric;
import dev.sparky.bench.report.Results;
import dev.sparky.bench.sys.ImageSize;
import dev.sparky.bench.sys.ProcStats;
import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.Ports;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local stack as a newcomer runs it: {@code bin/sparky up -d} (already built) with the example projects, on
 * its own home and free ports. Measures the time to every process ready (a fresh home, then again), the idle
 * RSS of every process, how soon a runner process started while a build is queued runs that build's first
 * line, and the runner image's size when one was built.
 */
final class FootprintPhase {
    private static final int FRESH_RUNNER_STARTS = 5;
    private final BenchOptions options;
    private final Results results;
    private final Path home;
    private final Map<String, String> env = new LinkedHashMap<>();

    FootprintPhase(BenchOptions options, Results results, Path home) {
        this.options = options;
        this.results = results;
        this.home = home;
        env.put("SPARKY_HOME", home.toString());
        for (String port : List.of(
                "SPARKY_UI_PORT",
                "SPARKY_DISPATCHER_PORT",
                "SPARKY_SCHEDULER_PORT",
                "SPARKY_RUNNER_BASE_PORT",
                "SPARKY_KAFKA_PORT",
                "SPARKY_KAFKA_CONTROLLER_PORT")) {
            env.put(port, Integer.toString(Ports.free()));
        }
    }

    void run() throws Exception {
        Files.createDirectories(home);
        Bench.say("Footprint: bin/sparky up -d in " + home);
        try {
            double fresh = timed("up", "-d");
            results.add(Metric.info(
                    "footprint.up_fresh_s", "bin/sparky up, a new home (broker formatted first)", fresh, "s"));
            // The first up of a new home wrote each kind of process's class data archive (bin/lib/jvm/cds.sh):
            // its processes hold more memory than later ones, and their stop shows whether that slows it.
            double firstDown = timed("down");
            results.add(Metric.info("footprint.down_first_s", "bin/sparky down after the first up", firstDown, "s"));
            double again = timed("up", "-d");
            results.add(Metric.atMost(
                    "footprint.up_s", "bin/sparky up, already built, to every process ready", again, "s", 5));
            // Wall time depends on the machine's load; the CPU the processes spent getting ready does not.
            double cpu = ProcStats.cpu(pids().values()).ownMillis() / 1000;
            results.add(Metric.info("footprint.up_cpu_s", "  CPU time of all processes until ready", cpu, "s"));
            idleMemory();
            freshRunner();
        } finally {
            double down = timed("down");
            results.add(Metric.info("footprint.down_s", "bin/sparky down, idle stack", down, "s"));
        }
        imageSize();
    }

    /** The example projects' builds once each runner, then 5 s of quiet, as a newcomer's first minutes. */
    private void idleMemory() throws IOException {
        SparkyApi api = api();
        for (int i = 0; i < 2; i++) {
            String id = api.trigger("hello");
            api.awaitTerminal("hello", id, Duration.ofSeconds(60));
        }
        // Quiet before reading idle memory, as the main phase's idle rows (part of the definition, not a wait).
        Waits.sleep(5000);
        double total = 0;
        double runner = 0;
        for (Map.Entry<String, Long> p : pids().entrySet()) {
            double mib = ProcStats.rssMiB(p.getValue());
            total += mib;
            if (p.getKey().startsWith("runner-")) {
                runner = Math.max(runner, mib);
            }
            results.add(
                    Metric.info("footprint.rss." + p.getKey(), "idle RSS, bin/sparky up: " + p.getKey(), mib, "MiB"));
        }
        results.add(Metric.atMost(
                "footprint.rss_total",
                "idle RSS, whole local stack (broker, 4 services, 2 runners)",
                total,
                "MiB",
                600));
        results.add(Metric.atMost("footprint.rss_runner", "idle RSS, one runner (the larger)", runner, "MiB", 70));
    }

    /**
     * No runner up, one build queued; then a runner process is started ({@code bin/sparky scale runners 1}, as a
     * user adds one) and the time from that command to the build's first line (its own clock) is taken.
     */
    private void freshRunner() throws Exception {
        Path stamps = Files.createDirectories(home.resolve("stamps"));
        BenchProjects.latency(home, stamps);
        SparkyApi api = api();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < FRESH_RUNNER_STARTS; i++) {
            check(run(Duration.ofMinutes(2), "scale", "runners", "0"), "scale runners 0");
            String id = api.trigger(BenchProjects.LATENCY);
            long start = System.currentTimeMillis() * 1_000_000L;
            Process scale = launcher("scale", "runners", "1");
            Path stamp = stamps.resolve(id);
            Waits.until(
                    Duration.ofSeconds(120),
                    "the queued build's first line on a fresh runner",
                    () -> Files.exists(stamp));
            long first = Long.parseLong(Files.readString(stamp).trim().split(" ")[0]);
            millis.add((first - start) / 1e6);
            scale.waitFor(2, TimeUnit.MINUTES);
        }
        results.series("footprint_fresh_runner_ms", millis);
        results.add(Metric.atMost(
                "footprint.fresh_runner_p50_s",
                "fresh runner process to its queued build's " + "first line p50 (" + FRESH_RUNNER_STARTS + " starts)",
                Stats.percentile(millis, 50) / 1000,
                "s",
                2));
        results.add(Metric.info(
                "footprint.fresh_runner_max_s",
                "fresh runner to first line, slowest",
                millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN) / 1000,
                "s"));
        check(run(Duration.ofMinutes(2), "scale", "runners", "2"), "scale runners 2");
    }

    /**
     * The runner image's size and its layers as podman reports them, when an image of the runner was built on
     * this machine ({@code bin/sparky images --only runner}, or {@code --local-base} without a registry).
     */
    private void imageSize() {
        Optional<ImageSize.Image> image = ImageSize.of(List.of("localhost/sparky-runner:dev", "sparky-runner"));
        if (image.isEmpty()) {
            results.add(Metric.info(
                    "footprint.image_runner_mb",
                    "image size, runner: not built (bin/sparky images --only runner)",
                    Double.NaN,
                    "MB"));
            return;
        }
        results.add(Metric.info(
                "footprint.image_runner_mb",
                "image size, runner (" + image.get().name() + ")",
                image.get().bytes() / 1e6,
                "MB"));
        int n = 0;
        for (ImageSize.Layer layer : image.get().layers()) {
            results.add(Metric.info(
                    "footprint.image_runner_layer" + ++n + "_mb",
                    "  layer: " + layer.what(),
                    layer.bytes() / 1e6,
                    "MB"));
        }
    }

    private Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : List.of("kafka", "dispatcher", "scheduler", "ui", "runner-1", "runner-2")) {
            Path f = home.resolve("run").resolve(name + ".pid");
            if (Files.exists(f)) {
                pids.put(name, Long.parseLong(Files.readString(f).trim()));
            }
        }
        return pids;
    }

    private SparkyApi api() {
        return new SparkyApi("http://127.0.0.1:" + env.get("SPARKY_UI_PORT"));
    }

    /** Runs a launcher command to its end; its wall time in seconds. */
    private double timed(String... args) throws Exception {
        long t0 = System.nanoTime();
        check(run(Duration.ofMinutes(options.quick() ? 5 : 10), args), String.join(" ", args));
        return (System.nanoTime() - t0) / 1e9;
    }

    private int run(Duration timeout, String... args) throws Exception {
        Process p = launcher(args);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private Process launcher(String... args) throws IOException {
        List<String> cmd =
                new ArrayList<>(List.of(options.repoRoot().resolve("bin/sparky").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(options.repoRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("launcher.out").toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    private void check(int code, String what) throws IOException {
        if (code != 0) {
            Path out = home.resolve("launcher.out");
            throw new IllegalStateException("bin/sparky " + what + " failed (" + code + "):\n"
                    + (Files.exists(out) ? Files.readString(out) : ""));
        }
    }
}
