package dev.sparky.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The soak's build mix: quick builds (0.1 s), slow ones (2-5 s), failing ones (exit 3) and fragile ones
 * (retries: 0). Each project says what its script intends, so the checker can tell a wrong end state.
 */
final class ChaosProjects {
    /**
     * One project of the mix.
     *
     * @param succeeds the script exits 0 (else it exits {@link #FAILING_EXIT})
     * @param weight how often it is picked, out of the sum of the weights
     */
    record Kind(String project, boolean succeeds, int retries, int weight, String script) {}

    static final int FAILING_EXIT = 3;
    /** Sleeps 2-5 s, the length derived from the job id so that each attempt of a build runs as long. */
    private static final String SLOW = "#!/usr/bin/env bash\n"
            + "n=$(printf %s \"$SPARKY_JOB_ID\" | cksum | cut -d' ' -f1); s=$((2 + n % 4))\n"
            + "for i in $(seq 1 $s); do echo \"slow $SPARKY_JOB_ID $i/$s\"; sleep 1; done\n";

    static final List<Kind> MIX = List.of(
            new Kind("chaos-quick", true, 1, 45, "#!/usr/bin/env bash\necho \"quick $SPARKY_JOB_ID\"\nsleep 0.1\n"),
            new Kind("chaos-slow", true, 2, 35, SLOW),
            new Kind(
                    "chaos-failing",
                    false,
                    1,
                    10,
                    "#!/usr/bin/env bash\necho \"failing $SPARKY_JOB_ID\"\nsleep 0.1\nexit " + FAILING_EXIT + "\n"),
            new Kind("chaos-fragile", true, 0, 10, SLOW));

    private ChaosProjects() {}

    /** Writes every project of the mix into {@code home/projects}. */
    static void write(Path home) {
        for (Kind k : MIX) {
            try {
                Path dir = Files.createDirectories(home.resolve("projects").resolve(k.project()));
                Files.writeString(
                        dir.resolve("sparky.yaml"),
                        "allow_manual_run: true\nconcurrency: 4\nretries: " + k.retries() + "\n");
                Path job = dir.resolve("job.sh");
                Files.writeString(job, k.script());
                Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A project picked by weight. */
    static Kind pick(Random random) {
        int total = MIX.stream().mapToInt(Kind::weight).sum();
        int n = random.nextInt(total);
        for (Kind k : MIX) {
            n -= k.weight();
            if (n < 0) {
                return k;
            }
        }
        throw new IllegalStateException("weights");
    }

    static Optional<Kind> of(String project) {
        return MIX.stream().filter(k -> k.project().equals(project)).findFirst();
    }
}
