package dev.sparky.chaos;

import dev.sparky.testkit.SparkyCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The chaos soak ({@code bin/sparky chaos}): the whole product as real processes on a throw-away Sparky home,
 * N builds triggered over HTTP while runners, the dispatcher and the broker are killed, hung and stopped;
 * then a check that nothing accepted was lost, doubled or left stuck. Exit code 0 only then.
 *
 * <p>Usage: {@code ChaosSoak [--builds N] [--runners R] [--seed S]}; the services' jars come from the checkout
 * named by the system property {@code sparky.repo.root}.
 */
public final class ChaosSoak {
    private ChaosSoak() {}

    public static void main(String[] args) {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path home = tempHome();
        SoakReport report = run(options, SparkyCluster.repoRootFromBuild(), home, System.out);
        System.out.println();
        System.out.println(report.table());
        if (report.clean()) {
            deleteTree(home);
        } else {
            System.out.println("\nThe soak's home (processes' logs in logs/) is kept: " + home);
        }
        System.exit(report.ok() ? 0 : 1);
    }

    /** Runs one soak on {@code home} (which it fills with projects) and returns what the check found. */
    public static SoakReport run(ChaosOptions options, Path repoRoot, Path home, PrintStream out) {
        Instant start = Instant.now();
        ChaosProjects.write(home);
        Random random = new Random(options.seed());
        out.printf(
                "==> Chaos soak: %d builds, %d runners, seed %d, home %s%n",
                options.builds(), options.runners(), options.seed(), home);
        try (SparkyCluster cluster = new SparkyCluster(
                repoRoot,
                home,
                Map.of("SPARKY_DISPATCHER_LEASE", options.lease().toSeconds() + "s"))) {
            cluster.start(options.runners(), false);
            out.println("    cluster ready after "
                    + Duration.between(start, Instant.now()).toSeconds() + " s");
            Ledger ledger = new Ledger();
            FaultInjector faults = new FaultInjector(cluster, options, new Random(random.nextLong()), out);
            Triggerer triggers = new Triggerer(
                    cluster.api(), ledger, new Random(random.nextLong()), options.runners(), out, faults::awaitDue);
            Thread faultThread = new Thread(() -> faults.run(triggers::sent), "chaos-faults");
            faultThread.start();
            triggers.run(options.builds());
            join(faultThread);
            out.println("    every trigger sent; waiting for the builds to settle");
            SoakChecker checker = new SoakChecker(cluster.api());
            boolean quiet = checker.awaitQuiescence(ledger, Duration.ofSeconds(180 + options.builds()));
            out.println(quiet ? "    quiescent" : "    not quiescent in time: checking what there is");
            return checker.check(options, ledger, faults.thrown(), Duration.between(start, Instant.now()));
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path tempHome() {
        try {
            return Files.createTempDirectory("sparky-chaos");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
