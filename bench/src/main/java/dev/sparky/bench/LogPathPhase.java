package dev.sparky.bench;

import dev.sparky.bench.data.BenchProjects;
import dev.sparky.bench.measure.LogPathBench;
import dev.sparky.bench.measure.Services;
import dev.sparky.bench.report.Metric;
import dev.sparky.bench.report.Results;
import dev.sparky.bench.sys.CpuSince;
import dev.sparky.bench.sys.Http;
import dev.sparky.bench.sys.Machine;
import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.SparkyCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main phase's log path alone ({@code --only logpath}): broker, dispatcher, UI and one runner; one build of a
 * tenth of the log warms the path up (JIT), then the measured builds of the whole log, one after the other, each
 * with every process's CPU; then the last log downloaded again, alone, a few times. About a minute, so a change of
 * the path can be measured before and after, side by side.
 */
final class LogPathPhase {
    private static final String WARM = "biglog-warm";
    private static final int DOWNLOADS = 3;
    private final BenchOptions options;
    private final Results results;
    private final Path home;
    private final Path stamps;

    LogPathPhase(BenchOptions options, Results results, Path home) {
        this.options = options;
        this.results = results;
        this.home = home;
        this.stamps = home.resolve("stamps");
    }

    void run() throws Exception {
        Files.createDirectories(stamps);
        long bytes = options.logBytes();
        BenchProjects.bigLog(home, stamps, bytes);
        BenchProjects.bigLog(home, WARM, stamps, bytes / 10);
        Bench.say("Log path phase: starting broker, dispatcher, UI and 1 runner in " + home);
        try (SparkyCluster cluster = new SparkyCluster(options.repoRoot(), home, Map.of("SPARKY_LOG_CAP", "400M"))) {
            cluster.start(1, false);
            LogPathBench.sparky(cluster.api(), WARM, stamps, bytes / 10);
            List<Double> mbs = new ArrayList<>();
            String lastJob = null;
            for (int run = 1; run <= options.logRuns(); run++) {
                int i = run;
                Bench.say("log path run " + i + ": a build printing " + bytes / 1_000_000 + " MB, load "
                        + Machine.load1());
                CpuSince spent = new CpuSince(Services.pids(cluster));
                LogPathBench.Result r = LogPathBench.sparky(cluster.api(), BenchProjects.BIGLOG, stamps, bytes);
                lastJob = r.jobId();
                mbs.add(r.mbPerSecond());
                StringBuilder cpu = new StringBuilder();
                for (String name : spent.names()) {
                    double s = spent.seconds(name);
                    cpu.append(String.format(" %s %.2f s (%s)", name, s, spent.busiest(name)));
                    results.add(
                            Metric.info("logpath.run" + i + ".cpu." + name, "run " + i + ": CPU of " + name, s, "s"));
                }
                results.add(Metric.info(
                        "logpath.run" + i, "run " + i + ": first byte to whole log via API", r.mbPerSecond(), "MB/s"));
                results.note(String.format(
                        "log path run %d: script ended %.2f s after its first line, whole size reported at %.2f s,"
                                + " downloaded (%d bytes) at %.2f s (%.2f s for the download); CPU:%s",
                        i,
                        r.scriptEndSeconds(),
                        r.readableSeconds(),
                        r.downloaded(),
                        r.totalSeconds(),
                        r.totalSeconds() - r.readableSeconds(),
                        cpu));
            }
            results.add(Metric.atLeast(
                    "logpath.median",
                    "log path: first byte to whole log via API, median of " + mbs.size(),
                    Stats.percentile(mbs, 50),
                    "MB/s",
                    50));
            downloads(cluster, lastJob, bytes);
        }
    }

    /** The download alone: the finished log of the last run through {@code /report/raw}, a few times. */
    private void downloads(SparkyCluster cluster, String jobId, long bytes) {
        String url = cluster.api().base() + "/report/raw/" + BenchProjects.BIGLOG + "/" + jobId;
        Map<String, Long> pids = Services.pids(cluster);
        for (int i = 1; i <= DOWNLOADS; i++) {
            CpuSince spent = new CpuSince(pids);
            Http.Timed t = new Http().get(url, Duration.ofMinutes(5));
            if (t.status() != 200 || t.bytes() < bytes) {
                throw new IllegalStateException(
                        "/report/raw answered " + t.status() + " with " + t.bytes() + " bytes, not " + bytes);
            }
            StringBuilder cpu = new StringBuilder();
            for (String name : spent.names()) {
                double s = spent.seconds(name);
                if (s >= 0.05) {
                    cpu.append(String.format(" %s %.2f s (%s)", name, s, spent.busiest(name)));
                }
            }
            results.add(Metric.info("logpath.download" + i, "download alone " + i, bytes / 1e3 / t.millis(), "MB/s"));
            results.note(String.format("download alone %d: %.2f s; CPU:%s", i, t.millis() / 1000, cpu));
        }
    }
}
