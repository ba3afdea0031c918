package dev.sparky.bench;

import dev.sparky.bench.data.BenchProjects;
import dev.sparky.bench.measure.BareLoop;
import dev.sparky.bench.measure.LatencyBench;
import dev.sparky.bench.measure.LogPathBench;
import dev.sparky.bench.measure.Services;
import dev.sparky.bench.measure.ThroughputBench;
import dev.sparky.bench.measure.WakeupFloor;
import dev.sparky.bench.report.Metric;
import dev.sparky.bench.report.Results;
import dev.sparky.bench.sys.CpuSince;
import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.SparkyCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product under work: broker, dispatcher, UI, scheduler and 1, then 2, then 4 runners. Measures idle
 * memory, throughput at each runner count (CPU and memory under load with 2), trigger-to-start latency with
 * 2 warm runners and the 200 MB log path; then the bare-bash baselines of the same scripts.
 */
final class MainPhase {
    private static final List<String> SERVICES = List.of("dispatcher", "ui", "scheduler", "runner-1");
    private final BenchOptions options;
    private final Results results;
    private final Path home;
    private final Path stamps;

    MainPhase(BenchOptions options, Results results, Path home) {
        this.options = options;
        this.results = results;
        this.home = home;
        this.stamps = home.resolve("stamps");
    }

    void run() throws Exception {
        Files.createDirectories(stamps);
        Path latencyJob = BenchProjects.latency(home, stamps);
        Path trivialJob = BenchProjects.trivial(home, "trivial-1");
        BenchProjects.trivial(home, "trivial-2");
        BenchProjects.trivial(home, "trivial-4");
        BenchProjects.trivial(home, "trivial-warm");
        Path bigJob = BenchProjects.bigLog(home, stamps, options.logBytes());
        Bench.say("Main phase: starting broker, dispatcher, UI, scheduler and 1 runner in " + home);
        // The log cap is raised above the 200 MB of the log-path build; everything else is the default.
        try (SparkyCluster cluster = new SparkyCluster(options.repoRoot(), home, Map.of("SPARKY_LOG_CAP", "400M"))) {
            cluster.start(1, true);
            LatencyBench.sparky(cluster.api(), BenchProjects.LATENCY, stamps, options.warmupBuilds());
            LatencyBench.sleep(5000);
            idleMemory(cluster);
            warmUp(cluster, 1);
            throughput(cluster, 1, "trivial-1");
            cluster.addRunner();
            warmUp(cluster, 2);
            Bench.say("2 runners: warm-up, then trigger-to-start latency over " + options.latencyBuilds() + " builds");
            LatencyBench.sparky(cluster.api(), BenchProjects.LATENCY, stamps, options.warmupBuilds());
            latency(LatencyBench.sparky(cluster.api(), BenchProjects.LATENCY, stamps, options.latencyBuilds()));
            floor(cluster);
            ThroughputBench.Result two = throughput(cluster, 2, "trivial-2");
            cpuAndLoadMemory(two);
            cluster.addRunner();
            cluster.addRunner();
            warmUp(cluster, 4);
            throughput(cluster, 4, "trivial-4");
            logPath(cluster, bigJob);
        }
        baselines(latencyJob, trivialJob);
    }

    /**
     * JIT warm-up of the whole path at full speed, not measured, each time runners were added: no measured run is a
     * cold one, for the runners just started no more than for the first (their classes loaded and compiled while
     * the window counts their CPU made a quick run's CPU per build about 1 ms higher).
     */
    private void warmUp(SparkyCluster cluster, int runners) {
        Bench.say("warm-up: trivial builds on " + runners + " runner(s), not measured");
        ThroughputBench.run(cluster, "trivial-warm", runners, Duration.ofSeconds(options.quick() ? 5 : 15));
    }

    private void idleMemory(SparkyCluster cluster) {
        Map<String, Double> rss = Services.rss(cluster);
        results.series("rss_idle_mib", rss);
        rss.forEach((name, mib) -> results.add(
                SERVICES.contains(name)
                        ? Metric.atMost("rss.idle." + name, "RSS idle: " + name, mib, "MiB", 200)
                        : Metric.info(
                                "rss.idle." + name,
                                "RSS idle: " + name + " (Kafka broker, not a Sparky service)",
                                mib,
                                "MiB")));
    }

    private void latency(LatencyBench.Result r) {
        results.series("latency_ms_sparky", r.millis());
        results.add(Metric.atMost(
                "latency.p50", "trigger-to-start p50 (2 idle runners)", Stats.percentile(r.millis(), 50), "ms", 25));
        results.add(Metric.info("latency.p90", "trigger-to-start p90", Stats.percentile(r.millis(), 90), "ms"));
        results.add(Metric.atMost("latency.p99", "trigger-to-start p99", Stats.percentile(r.millis(), 99), "ms", 100));
        results.add(Metric.info(
                "latency.date.p50",
                "  to the first line's date +%s%N (earlier runs' probe) p50",
                Stats.percentile(r.dateMillis(), 50),
                "ms"));
        results.add(Metric.info(
                "latency.date.p99",
                "  to the first line's date +%s%N p99",
                Stats.percentile(r.dateMillis(), 99),
                "ms"));
        results.add(Metric.info(
                "latency.to_queued.p50",
                "  of which request -> row queued (UI, Kafka, dispatcher) p50",
                Stats.percentile(r.toQueuedMillis(), 50),
                "ms"));
        results.add(Metric.info(
                "latency.queued_to_start.p50",
                "  of which queued -> first line (hand-out, runner) p50",
                Stats.percentile(r.queuedToStartMillis(), 50),
                "ms"));
        results.series("latency_ms_sparky_date", r.dateMillis());
        results.series("latency_ms_to_queued", r.toQueuedMillis());
        results.series("latency_ms_queued_to_start", r.queuedToStartMillis());
        results.note("latency: " + r.millis().size() + " builds, " + r.failed() + " did not succeed");
    }

    /** The cost of one hop between processes, idle as in the latency run and back to back. */
    private void floor(SparkyCluster cluster) {
        Bench.say("the floor: one acknowledged produce, and a loopback socket round trip, after 50 ms idle");
        WakeupFloor.Result f = WakeupFloor.measure(cluster.broker().adminProperties(), options.quick() ? 50 : 200, 50);
        results.add(Metric.info(
                "floor.produce_idle.p50",
                "floor: acknowledged Kafka produce after 50 ms idle p50",
                f.produceIdleP50(),
                "ms"));
        results.add(Metric.info(
                "floor.produce_idle.p90",
                "floor: acknowledged Kafka produce after 50 ms idle p90",
                f.produceIdleP90(),
                "ms"));
        results.add(Metric.info(
                "floor.produce_busy.p50",
                "floor: acknowledged Kafka produce back to back p50",
                f.produceBusyP50(),
                "ms"));
        results.add(Metric.info(
                "floor.socket_idle.p50",
                "floor: loopback socket round trip after 50 ms idle p50",
                f.socketIdleP50(),
                "ms"));
        results.add(Metric.info(
                "floor.socket_busy.p50",
                "floor: loopback socket round trip back to back p50",
                f.socketBusyP50(),
                "ms"));
    }

    private ThroughputBench.Result throughput(SparkyCluster cluster, int runners, String project) {
        Bench.say("throughput: trivial builds on " + runners + " runner(s) for " + options.throughputSeconds() + " s");
        ThroughputBench.Result r =
                ThroughputBench.run(cluster, project, runners, Duration.ofSeconds(options.throughputSeconds()));
        Metric m = runners == 2
                ? Metric.atLeast("throughput.r2", "throughput, 2 runners", r.perMinute(), "builds/min", 3000)
                : Metric.info(
                        "throughput.r" + runners, "throughput, " + runners + " runner(s)", r.perMinute(), "builds/min");
        results.add(m);
        results.series("throughput_r" + runners, r);
        results.note(String.format(
                "throughput %d runner(s): %d triggered, %d finished, %d failed or refused, %.1f s "
                        + "first trigger to last end; per build (dispatcher clock): queued->started %.0f ms, "
                        + "started->finished %.0f ms, a runner's gap between builds %.0f ms",
                runners,
                r.triggered(),
                r.finished(),
                r.failed(),
                r.seconds(),
                r.phases().queueToStartMs(),
                r.phases().startToFinishMs(),
                r.phases().runnerGapMs()));
        return r;
    }

    private void cpuAndLoadMemory(ThroughputBench.Result two) {
        results.add(Metric.atMost(
                "cpu.per_build", "CPU per trivial build, all services (2 runners)", two.cpuMsPerBuild(), "ms", 10));
        results.add(Metric.info(
                "cpu.script_per_build",
                "CPU per trivial build, the script itself (bash)",
                two.scriptCpuMsPerBuild(),
                "ms"));
        two.cpuMsPerBuildByProcess()
                .forEach((name, ms) ->
                        results.add(Metric.info("cpu.per_build." + name, "CPU per trivial build: " + name, ms, "ms")));
        two.rssUnderLoad()
                .forEach((name, mib) ->
                        results.add(Metric.info("rss.load." + name, "RSS under throughput load: " + name, mib, "MiB")));
    }

    private void logPath(SparkyCluster cluster, Path bigJob) {
        Bench.say("log path: a build printing " + options.logBytes() / 1_000_000 + " MB");
        CpuSince spent = new CpuSince(Services.pids(cluster));
        LogPathBench.Result r = LogPathBench.sparky(cluster.api(), BenchProjects.BIGLOG, stamps, options.logBytes());
        for (String name : spent.names()) {
            double s = spent.seconds(name);
            if (s >= 0.1) {
                results.add(Metric.info("log.cpu." + name, "log path: CPU of " + name, s, "s"));
            }
        }
        LogPathBench.Result local =
                LogPathBench.local(bigJob, stamps, home.resolve("local-log.txt"), options.logBytes());
        results.add(
                Metric.atLeast("log.sparky", "log path: first byte to whole log via API", r.mbPerSecond(), "MB/s", 50));
        results.add(Metric.info("log.local", "log path: same script to a local file", local.mbPerSecond(), "MB/s"));
        results.add(
                Metric.info("log.ratio", "log path: local file / Sparky", local.mbPerSecond() / r.mbPerSecond(), "x"));
        results.series("log_path", Map.of("sparky", r, "local", local));
        results.note(String.format(
                "log path: script ended %.1f s after its first line, whole size reported at "
                        + "%.1f s, /report/raw downloaded (%d bytes) at %.1f s",
                r.scriptEndSeconds(), r.readableSeconds(), r.downloaded(), r.totalSeconds()));
    }

    private void baselines(Path latencyJob, Path trivialJob) {
        Bench.say("baselines: the same scripts run by bare bash");
        LatencyBench.Result bare = LatencyBench.bare(latencyJob, stamps, options.latencyBuilds());
        results.series("latency_ms_bare", bare.millis());
        double bareP50 = Stats.percentile(bare.millis(), 50);
        results.add(Metric.info("bare.latency.p50", "bare bash: process start to first line p50", bareP50, "ms"));
        results.add(Metric.info(
                "bare.latency.p99",
                "bare bash: process start to first line p99",
                Stats.percentile(bare.millis(), 99),
                "ms"));
        results.add(Metric.info(
                "bare.latency.date.p50",
                "bare bash: process start to the first line's date p50",
                Stats.percentile(bare.dateMillis(), 50),
                "ms"));
        results.add(Metric.info(
                "overhead.latency",
                "overhead: Sparky / bare bash latency p50",
                results.value("latency.p50") / bareP50,
                "x"));
        Map<String, Double> bareTput = new LinkedHashMap<>();
        for (int loops : List.of(1, 2, 4)) {
            double perMin = BareLoop.perMinute(trivialJob, loops, options.quick() ? 200 : 1000);
            bareTput.put("r" + loops, perMin);
            results.add(Metric.info("bare.throughput.r" + loops, "bare bash loop x" + loops, perMin, "builds/min"));
        }
        results.series("throughput_bare", bareTput);
        double sparky1 = results.value("throughput.r1");
        results.add(Metric.info(
                "overhead.throughput",
                "overhead: bare loop / Sparky throughput (1 runner)",
                bareTput.get("r1") / sparky1,
                "x"));
        results.add(Metric.info(
                "overhead.ms_per_build",
                "overhead: wall time added per build (1 runner)",
                60_000.0 / sparky1 - 60_000.0 / bareTput.get("r1"),
                "ms"));
    }
}
