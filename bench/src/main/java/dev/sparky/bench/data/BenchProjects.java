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
    /** Writes {@code date +%s%N} first, into {@code <stamps>/<job id>}: the start the latency is measured to. */
    public static final String LATENCY = "latency";
    /** {@code true}: the trivial build of the throughput and CPU measurements. */
    public static final String TRIVIAL = "trivial";
    /** Stamps its start, then prints {@code bytes} of text: the log path. */
    public static final String BIGLOG = "biglog";
    /** Write latency as the database grows. */
    public static final String WRITE = "write";

    private BenchProjects() {
    }

    /** The latency project; the stamp is written to a temporary name and renamed, so it is never read half. */
    public static Path latency(Path home, Path stamps) {
        return write(home, LATENCY, "#!/bin/bash\nd=$(date +%s%N); echo $d > " + stamps + "/$SPARKY_JOB_ID.tmp; mv "
                + stamps + "/$SPARKY_JOB_ID.tmp " + stamps + "/$SPARKY_JOB_ID\n", 4);
    }

    public static Path trivial(Path home, String name) {
        return write(home, name, "#!/bin/bash\ntrue\n", 16);
    }

    public static Path bigLog(Path home, Path stamps, long bytes) {
        return write(home, BIGLOG, "#!/bin/bash\ndate +%s%N > " + stamps + "/$SPARKY_JOB_ID\n"
                + "yes 'the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ' | head -c "
                + bytes + "\n", 1);
    }

    /** A project whose builds never need to run (there are no runners in the scale phase). */
    public static Path idle(Path home, String name) {
        return write(home, name, "#!/bin/bash\ntrue\n", 1);
    }

    private static Path write(Path home, String name, String script, int concurrency) {
        try {
            Path dir = Files.createDirectories(home.resolve("projects").resolve(name));
            Files.writeString(dir.resolve("sparky.yaml"), "allow_manual_run: true\nconcurrency: " + concurrency
                    + "\nretries: 0\n");
            Path job = dir.resolve("job.sh");
            Files.writeString(job, script);
            Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwxr-xr-x"));
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write project " + name, e);
        }
    }
}
