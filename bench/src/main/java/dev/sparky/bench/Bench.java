package dev.sparky.bench;

import dev.sparky.bench.report.JsonReport;
import dev.sparky.bench.report.Results;
import dev.sparky.bench.report.TableReport;
import dev.sparky.bench.sys.LoadSampler;
import dev.sparky.bench.sys.Machine;
import dev.sparky.testkit.SparkyCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/sparky bench}: measures the product on this machine in one run (the main phase with runners,
 * Buildbot with the same workloads, the scale phase with a million builds), prints a table (metric, value,
 * target, met?), writes it as JSON and draws the two plots. A phase that fails is noted and the others run:
 * a partial table says more than none. Exit code 0 when every phase ran, whatever the targets.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws IOException {
        BenchOptions options;
        try {
            options = BenchOptions.parse(SparkyCluster.repoRootFromBuild(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.replot() != null) {
            Plots.write(Results.fromJson(options.replot()), options.images());
            System.out.println("plots drawn from " + options.replot() + " in "
                    + options.images().toAbsolutePath());
            return;
        }
        Results results = new Results();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("startedAt", Instant.now().toString());
        header.put("quick", options.quick());
        header.put("machine", Machine.describe());
        say("Sparky benchmark" + (options.quick() ? " (quick: small counts, not for publishing)" : "") + " on "
                + header.get("machine") + ", load " + Machine.load1());
        Path root = Files.createTempDirectory("sparky-bench");
        boolean ok;
        Instant t0 = Instant.now();
        try (LoadSampler load = new LoadSampler(5000)) {
            ok = true;
            // First, while nothing else of the benchmark runs: the local stack as 'bin/sparky up' starts it.
            if (options.runs("footprint")) {
                ok &= phase(
                        "footprint",
                        results,
                        () -> new FootprintPhase(options, results, root.resolve("footprint")).run());
            }
            if (options.runs("main")) {
                ok &= phase("main", results, () -> new MainPhase(options, results, root.resolve("main")).run());
            }
            if (options.runs("logpath")) {
                ok &= phase(
                        "logpath", results, () -> new LogPathPhase(options, results, root.resolve("logpath")).run());
            }
            if (options.runs("buildbot")) {
                ok &= phase(
                        "buildbot", results, () -> new BuildbotPhase(options, results, root.resolve("buildbot")).run());
            }
            if (options.runs("scale")) {
                ok &= phase("scale", results, () -> new ScalePhase(options, results, root.resolve("scale")).run());
            }
            header.put(
                    "load", Map.of("min", load.min(), "mean", load.mean(), "max", load.max(), "end", Machine.load1()));
        }
        header.put("durationSeconds", Duration.between(t0, Instant.now()).toSeconds());
        JsonReport.write(options.json(), header, results);
        Plots.write(results, options.images());
        System.out.println();
        System.out.println(TableReport.markdown(results.metrics()));
        results.notes().forEach(n -> System.out.println("- " + n));
        System.out.println("\nload average (1 min) during the run: " + header.get("load"));
        System.out.println("JSON: " + options.json().toAbsolutePath() + "; plots: "
                + options.images().toAbsolutePath());
        if (ok) {
            deleteTree(root);
        } else {
            System.out.println("Processes' logs kept in " + root + " (*/logs/)");
        }
        System.exit(ok ? 0 : 1);
    }

    /** Something that may throw anything: a phase. */
    interface Step {
        void run() throws Exception;
    }

    private static boolean phase(String name, Results results, Step step) {
        results.note("phase " + name + " started at load average " + Machine.load1());
        try {
            step.run();
            return true;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            results.note("phase " + name + " failed: " + e.getMessage());
            return false;
        }
    }

    static void say(String text) {
        System.out.println("==> " + text);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
