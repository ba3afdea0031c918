package dev.sparky.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The projects the benchmark builds. Each script is what the measurement needs and nothing more, and the
 * same file is run by the bare {@code bash job.sh} baseline, so the two sides do the same work.
 */
public final class BenchProjects {
    /** Stamps the moment its first line runs into {@code <stamps>/<job id>}: the start latency is measured to. */
    public static final String LATENCY = "latency";
    /** {@code true}: the trivial build of the throughput and CPU measurements. */
    public static final String TRIVIAL = "trivial";
    /** Stamps its start, then prints {@code bytes} of text: the log path. */
    public static final String BIGLOG = "biglog";
    /** Write latency as the database grows. */
    public static final String WRITE = "write";

    private BenchProjects() {}

    /** The latency project, whose script is {@link #latencyScript}. */
    public static Path latency(Path home, Path stamps) {
        return write(home, LATENCY, latencyScript(stamps), 4);
    }

    /**
     * The latency probe, the same file for Sparky, Buildbot and bare bash. Its first line reads bash's own clock
     * ({@code $EPOCHREALTIME}, microseconds, no process started for it): the moment the script's first line runs,
     * which is what the latency is measured to. It then also runs {@code date +%s%N}, the probe of the
     * benchmark's earlier runs, which adds a process start (about 1 ms here) to every sample. It writes
     * {@code <first line ns> <date ns>} to {@code <stamps>/$SPARKY_JOB_ID}, renamed into place so that it is
     * never read half written.
     */
    public static String latencyScript(Path stamps) {
        // The folder single-quoted for the shell (a ' inside becomes '\''); the separator of EPOCHREALTIME is the
        // locale's decimal point, so every non-digit is dropped.
        String dir = "'" + stamps.toAbsolutePath().toString().replace("'", "'\\''") + "'";
        String out = dir + "/\"$SPARKY_JOB_ID\"";
        return "#!/bin/bash\nfirst=${EPOCHREALTIME//[!0-9]/}000; d=$(date +%s%N); echo \"$first $d\" > " + out
                + ".tmp; mv " + out + ".tmp " + out + "\n";
    }

    public static Path trivial(Path home, String name) {
        return write(home, name, "#!/bin/bash\ntrue\n", 16);
    }

    public static Path bigLog(Path home, Path stamps, long bytes) {
        return bigLog(home, BIGLOG, stamps, bytes);
    }

    /** A project {@code name} whose build stamps its start, then prints {@code bytes} of text. */
    public static Path bigLog(Path home, String name, Path stamps, long bytes) {
        return write(
                home,
                name,
                "#!/bin/bash\ndate +%s%N > " + stamps + "/$SPARKY_JOB_ID\n"
                        + "yes 'the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ' | head -c "
                        + bytes + "\n",
                1);
    }

    /** A project whose builds never need to run (there are no runners in the scale phase). */
    public static Path idle(Path home, String name) {
        return write(home, name, "#!/bin/bash\ntrue\n", 1);
    }

    private static Path write(Path home, String name, String script, int concurrency) {
        try {
            Path dir = Files.createDirectories(home.resolve("projects").resolve(name));
            Files.writeString(
                    dir.resolve("sparky.yaml"),
                    "allow_manual_run: true\nconcurrency: " + concurrency + "\nretries: 0\n");
            Path job = dir.resolve("job.sh");
            Files.writeString(job, script);
            Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwxr-xr-x"));
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write project " + name, e);
        }
    }
}
