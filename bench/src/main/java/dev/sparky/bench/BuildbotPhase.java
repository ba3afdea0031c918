package dev.sparky.bench;

import dev.sparky.bench.data.BenchProjects;
import dev.sparky.bench.peer.BuildbotPeer;
import dev.sparky.bench.report.Metric;
import dev.sparky.bench.report.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Buildbot on the same machine with the same workloads and worker counts (latency with 2 workers; throughput
 * with 1, 2 and 4), run after Sparky has stopped so that neither steals the other's cores; then the ratios.
 */
final class BuildbotPhase {
    private final BenchOptions options;
    private final Results results;
    private final Path home;

    BuildbotPhase(BenchOptions options, Results results, Path home) {
        this.options = options;
        this.results = results;
        this.home = home;
    }

    void run() throws IOException {
        Path stamps = Files.createDirectories(home.resolve("stamps"));
        // The script Sparky's latency builds run (BenchProjects.latencyScript), here writing to Buildbot's own
        // stamps folder, so both are measured to the same first line.
        Path latencyJob = BenchProjects.latency(home, stamps);
        BuildbotPeer peer = new BuildbotPeer(
                options.repoRoot(), options.json().toAbsolutePath().getParent(), latencyJob, stamps);
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int workers : options.buildbotWorkers()) {
            Bench.say("Buildbot with " + workers + " worker(s)");
            BuildbotPeer.Result r =
                    peer.run(workers, workers == 2 ? options.latencyBuilds() : 0, options.warmupBuilds(), 60);
            raw.put("w" + workers, r);
            if (workers == 2) {
                results.add(Metric.info(
                        "buildbot.latency.p50", "Buildbot trigger-to-start p50 (2 workers)", r.p50(), "ms"));
                results.add(Metric.info("buildbot.latency.p90", "Buildbot trigger-to-start p90", r.p90(), "ms"));
                results.add(Metric.info("buildbot.latency.p99", "Buildbot trigger-to-start p99", r.p99(), "ms"));
                results.add(Metric.info(
                        "buildbot.latency.date.p50", "  to the first line's date +%s%N p50", r.dateP50(), "ms"));
            }
            results.add(Metric.info(
                    "buildbot.throughput.r" + workers,
                    "Buildbot throughput, " + workers + " worker(s)",
                    r.perMinute(),
                    "builds/min"));
            results.note("buildbot " + workers + " worker(s): " + r.notes());
        }
        results.series("buildbot", raw);
        ratios();
    }

    private void ratios() {
        results.add(Metric.atLeast(
                "ratio.latency",
                "Buildbot / Sparky latency p50",
                results.value("buildbot.latency.p50") / results.value("latency.p50"),
                "x",
                10));
        results.add(Metric.info(
                "ratio.latency.p99",
                "Buildbot / Sparky latency p99",
                results.value("buildbot.latency.p99") / results.value("latency.p99"),
                "x"));
        results.add(Metric.info(
                "ratio.latency.date",
                "Buildbot / Sparky latency p50, to the date +%s%N",
                results.value("buildbot.latency.date.p50") / results.value("latency.date.p50"),
                "x"));
        for (int n : new int[] {1, 2, 4}) {
            double ratio = results.value("throughput.r" + n) / results.value("buildbot.throughput.r" + n);
            if (!Double.isNaN(ratio)) {
                results.add(
                        n == 2
                                ? Metric.atLeast(
                                        "ratio.throughput.r2", "Sparky / Buildbot throughput, 2 runners", ratio, "x", 5)
                                : Metric.info(
                                        "ratio.throughput.r" + n,
                                        "Sparky / Buildbot throughput, " + n + " runner(s)",
                                        ratio,
                                        "x"));
            }
        }
    }
}
