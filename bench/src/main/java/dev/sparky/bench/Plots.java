package dev.sparky.bench;

import dev.sparky.bench.report.BarChart;
import dev.sparky.bench.report.Results;
import java.nio.file.Path;
import java.util.List;

/** perf-latency.png and perf-throughput.png, drawn from the run's results. */
final class Plots {
    private Plots() {}

    static void write(Results r, Path dir) {
        new BarChart("Trigger-to-start latency (lower is better)", "milliseconds", List.of("p50", "p90", "p99"))
                .series("Sparky (2 runners)", r.value("latency.p50"), r.value("latency.p90"), r.value("latency.p99"))
                .series(
                        "Buildbot 3.7 (2 workers)",
                        r.value("buildbot.latency.p50"),
                        r.value("buildbot.latency.p90"),
                        r.value("buildbot.latency.p99"))
                .series("bare bash job.sh", r.value("bare.latency.p50"), Double.NaN, r.value("bare.latency.p99"))
                .line("target p50 25 ms", 25)
                .line("target p99 100 ms", 100)
                .write(dir.resolve("perf-latency.png"));
        new BarChart(
                        "Throughput of trivial builds (higher is better)",
                        "builds per minute",
                        List.of("1 runner", "2 runners", "4 runners"))
                .series("Sparky", r.value("throughput.r1"), r.value("throughput.r2"), r.value("throughput.r4"))
                .series(
                        "Buildbot 3.7",
                        r.value("buildbot.throughput.r1"),
                        r.value("buildbot.throughput.r2"),
                        r.value("buildbot.throughput.r4"))
                .line("target 3,000/min with 2 runners", 3000)
                .write(dir.resolve("perf-throughput.png"));
    }
}
