package dev.sparky.bench.measure;

import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.SparkyApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trigger-to-start latency: the client's wall clock just before the HTTP request, against the
 * {@code date +%s%N} the build script writes on its first line. Builds run one at a time and the next is
 * triggered only after the previous one ended, so every build meets warm, idle runners.
 */
public final class LatencyBench {
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Samples in milliseconds and the count of builds that did not succeed; for Sparky also each sample cut
     * at the dispatcher's {@code queuedAt}: request to the row inserted, row inserted to the script's first line.
     */
    public record Result(List<Double> millis, int failed, List<Double> toQueuedMillis,
            List<Double> queuedToStartMillis) {
    }

    private LatencyBench() {
    }

    public static Result sparky(SparkyApi api, String project, Path stamps, int builds) {
        List<Double> out = new ArrayList<>();
        List<Double> toQueued = new ArrayList<>();
        List<Double> queuedToStart = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < builds; i++) {
            long sent = Stats.epochNanos();
            String jobId = api.trigger(project);
            long started = awaitStamp(stamps.resolve(jobId));
            out.add((started - sent) / 1e6);
            if (api.awaitTerminal(project, jobId, BUILD_TIMEOUT) != 1) {
                failed++;
            }
            java.time.Instant queued = java.time.Instant.parse(api.build(project, jobId).path("queuedAt").asText());
            long queuedNanos = queued.getEpochSecond() * 1_000_000_000L + queued.getNano();
            toQueued.add((queuedNanos - sent) / 1e6);
            queuedToStart.add((started - queuedNanos) / 1e6);
            sleep(50); // the runner reports the end, cleans its workspace and polls again: idle, not busy
            if ((i + 1) % 50 == 0) {
                System.out.printf("      %d/%d builds%n", i + 1, builds);
            }
        }
        return new Result(out, failed, toQueued, queuedToStart);
    }

    /** The same script run by {@code bash job.sh} from this process: the floor of process start and bash. */
    public static Result bare(Path job, Path stamps, int builds) {
        List<Double> out = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < builds; i++) {
            String jobId = "bare" + i;
            ProcessBuilder pb = new ProcessBuilder("bash", job.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("SPARKY_JOB_ID", jobId);
            long sent = Stats.epochNanos();
            try {
                Process p = pb.start();
                long started = awaitStamp(stamps.resolve(jobId));
                out.add((started - sent) / 1e6);
                failed += p.waitFor() == 0 ? 0 : 1;
            } catch (IOException e) {
                failed++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return new Result(out, failed, List.of(), List.of());
    }

    /** Polls the file system every millisecond: the server is not asked, so the poll does not load it. */
    static long awaitStamp(Path stamp) {
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(stamp)) {
                try {
                    return Long.parseLong(Files.readString(stamp).trim());
                } catch (IOException | NumberFormatException e) {
                    // renamed into place a moment ago; read again
                }
            }
            sleep(1);
        }
        throw new IllegalStateException("the build never wrote " + stamp);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
