package dev.sparky.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one run does. {@code --quick} shrinks every count for a smoke run (minutes, not a quarter hour);
 * its numbers are not the ones to publish.
 *
 * @param images where the plots go: docs/images for a full run of the main phase, else next to the JSON
 * @param replot a JSON written by an earlier run to draw the plots from, measuring nothing; null to measure
 */
public record BenchOptions(
        boolean quick, boolean skipBuildbot, Path json, Path images, Path repoRoot, Path replot, Set<String> phases) {
    /** What a run without {@code --only} does. */
    static final Set<String> PHASES = Set.of("footprint", "main", "buildbot", "scale");
    /**
     * Phases run only when named: {@code logpath} repeats the main phase's log path alone (a minute, not ten), to
     * compare a change of that path before and after.
     */
    static final Set<String> EXTRA_PHASES = Set.of("logpath");

    static final String USAGE = "usage: sparky bench [--quick] [--skip-buildbot]"
            + " [--only footprint,main,buildbot,scale,logpath]"
            + " [--json PATH] [--images DIR] [--replot JSON]";

    public static BenchOptions parse(Path repoRoot, String... args) {
        boolean quick = false;
        boolean skipBuildbot = false;
        Path json = Path.of("target/bench.json");
        Path images = null;
        Path replot = null;
        Set<String> phases = PHASES;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--skip-buildbot" -> skipBuildbot = true;
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                case "--images" -> images = Path.of(value(args, ++i, "--images"));
                case "--replot" -> replot = Path.of(value(args, ++i, "--replot"));
                case "--only" -> phases = phases(value(args, ++i, "--only"));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (images == null) {
            // The published plots are those of a full run of the main phase; any other run's go next to its JSON.
            images = quick || !phases.contains("main")
                    ? json.toAbsolutePath().getParent()
                    : repoRoot.resolve("docs/images");
        }
        return new BenchOptions(quick, skipBuildbot, json, images, repoRoot, replot, phases);
    }

    private static Set<String> phases(String list) {
        Set<String> chosen = new LinkedHashSet<>(List.of(list.split(",")));
        for (String p : chosen) {
            if (!PHASES.contains(p) && !EXTRA_PHASES.contains(p)) {
                throw new IllegalArgumentException(
                        "--only: unknown phase " + p + " (footprint, main, buildbot, scale, logpath); " + USAGE);
            }
        }
        return chosen;
    }

    /** Whether a phase runs: chosen by --only (all by default), Buildbot also unless --skip-buildbot. */
    boolean runs(String phase) {
        return phases.contains(phase) && !("buildbot".equals(phase) && skipBuildbot);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    int latencyBuilds() {
        return quick ? 20 : 200;
    }

    int warmupBuilds() {
        return quick ? 5 : 20;
    }

    int throughputSeconds() {
        return quick ? 15 : 60;
    }

    /**
     * The log path's log: 200 MB in a quick run too. A 20 MB log is mostly fixed costs (the client's 50 ms polls,
     * the build's start), so its rate answered a different question than the target's; 200 MB adds about 3 s.
     */
    long logBytes() {
        return 200_000_000L;
    }

    /** Measured repetitions of the log path in the {@code logpath} phase. */
    int logRuns() {
        return quick ? 1 : 3;
    }

    List<Integer> dbSizes() {
        return quick ? List.of(1_000, 10_000) : List.of(1_000, 10_000, 100_000, 1_000_000);
    }

    List<Integer> projectCounts() {
        return quick ? List.of(10, 100) : List.of(10, 100, 1000);
    }

    int apiRequests() {
        return quick ? 30 : 200;
    }

    int writeRequests() {
        return quick ? 10 : 50;
    }

    List<Integer> buildbotWorkers() {
        return quick ? List.of(2) : List.of(2, 1, 4);
    }
}
