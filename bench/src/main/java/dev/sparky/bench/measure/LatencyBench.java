package dev.sparky.bench.measure;

import dev.sparky.bench.data.BenchProjects;
import dev.sparky.bench.sys.PlainHttp;
import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.SparkyApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Trigger-to-start latency: the client's wall clock just before the HTTP request, against the moment the build
 * script's first line runs ({@link BenchProjects#latencyScript}); also against the {@code date +%s%N} it runs
 * next, the probe of earlier runs. Builds run one at a time and the next is triggered only after the previous one
 * ended, so every build meets warm, idle runners.
 */
public final class LatencyBench {
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Samples in milliseconds to the first line, and to its {@code date}; the count of builds that did not
     * succeed; for Sparky also each sample cut at the dispatcher's {@code queuedAt}: request to the row inserted,
     * row inserted to the script's first line.
     */
    public record Result(
            List<Double> millis,
            List<Double> dateMillis,
            int failed,
            List<Double> toQueuedMillis,
            List<Double> queuedToStartMillis) {}

    /** What the latency script wrote: when its first line ran, and what its {@code date} said, epoch nanoseconds. */
    public record Stamp(long firstLine, long date) {
        /**
         * @throws IllegalArgumentException when the text is not two epoch-nanosecond numbers (the first is 0 when
         *         bash is older than 5.0, which has no {@code EPOCHREALTIME})
         */
        public static Stamp parse(String text) {
            String[] parts = text.trim().split(" ");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected '<first line ns> <date ns>', got '" + text.trim() + "'");
            }
            Stamp stamp = new Stamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (stamp.firstLine() <= 0) {
                throw new IllegalArgumentException("no first-line time in '" + text.trim()
                        + "': the latency script needs bash 5.0 or later (EPOCHREALTIME)");
            }
            return stamp;
        }
    }

    private LatencyBench() {}

    /**
     * The triggers go through {@link PlainHttp} (a blocking HTTP/1.1 request on a kept-alive connection, as
     * the Buildbot side sends its own); everything else, not timed, through {@code api}.
     */
    public static Result sparky(SparkyApi api, String project, Path stamps, int builds) {
        List<Double> out = new ArrayList<>();
        List<Double> toDate = new ArrayList<>();
        List<Double> toQueued = new ArrayList<>();
        List<Double> queuedToStart = new ArrayList<>();
        int failed = 0;
        try (PlainHttp http = new PlainHttp(api.base())) {
            for (int i = 0; i < builds; i++) {
                failed += one(api, http, project, stamps, out, toDate, toQueued, queuedToStart);
                if ((i + 1) % 50 == 0) {
                    System.out.printf("      %d/%d builds%n", i + 1, builds);
                }
            }
        }
        return new Result(out, toDate, failed, toQueued, queuedToStart);
    }

    /** One build, its samples added to the lists; 1 when it did not succeed. */
    private static int one(
            SparkyApi api,
            PlainHttp http,
            String project,
            Path stamps,
            List<Double> out,
            List<Double> toDate,
            List<Double> toQueued,
            List<Double> queuedToStart) {
        long sent = Stats.epochNanos();
        PlainHttp.Answer answer = http.post("/build/project/" + project);
        if (answer.status() != 200) {
            throw new IllegalStateException(
                    "trigger of " + project + " answered " + answer.status() + ": " + answer.body());
        }
        String jobId = answer.body().trim();
        Stamp stamp = awaitStamp(stamps.resolve(jobId));
        out.add((stamp.firstLine() - sent) / 1e6);
        toDate.add((stamp.date() - sent) / 1e6);
        int failed = api.awaitTerminal(project, jobId, BUILD_TIMEOUT) == 1 ? 0 : 1;
        java.time.Instant queued = java.time.Instant.parse(
                api.build(project, jobId).path("queuedAt").asText());
        long queuedNanos = queued.getEpochSecond() * 1_000_000_000L + queued.getNano();
        toQueued.add((queuedNanos - sent) / 1e6);
        queuedToStart.add((stamp.firstLine() - queuedNanos) / 1e6);
        sleep(50); // the runner reports the end, cleans its workspace and polls again: idle, not busy
        return failed;
    }

    /** The same script run by {@code bash job.sh} from this process: the floor of process start and bash. */
    public static Result bare(Path job, Path stamps, int builds) {
        List<Double> out = new ArrayList<>();
        List<Double> toDate = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < builds; i++) {
            String jobId = "bare" + i;
            ProcessBuilder pb = new ProcessBuilder("bash", job.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("SPARKY_JOB_ID", jobId);
            long sent = Stats.epochNanos();
            try {
                Process p = pb.start();
                Stamp stamp = awaitStamp(stamps.resolve(jobId));
                out.add((stamp.firstLine() - sent) / 1e6);
                toDate.add((stamp.date() - sent) / 1e6);
                failed += p.waitFor() == 0 ? 0 : 1;
            } catch (IOException e) {
                failed++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return new Result(out, toDate, failed, List.of(), List.of());
    }

    /** The latency stamp is renamed into place: what is read is whole, and a stamp that does not parse fails. */
    static Stamp awaitStamp(Path stamp) {
        return awaitFile(stamp, Stamp::parse, false);
    }

    /** A stamp file holding one {@code date +%s%N}, written in place: read again until it parses. */
    static long awaitNanos(Path stamp) {
        return awaitFile(stamp, text -> Long.parseLong(text.trim()), true);
    }

    /**
     * Polls the file system every millisecond (the server is not asked, so the poll does not load it) until the
     * file is there and parses.
     */
    private static <T> T awaitFile(Path stamp, Function<String, T> parse, boolean mayBeHalfWritten) {
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        IllegalArgumentException last = null;
        while (System.nanoTime() < deadline) {
            String text = null;
            try {
                text = Files.exists(stamp) ? Files.readString(stamp) : null;
            } catch (IOException e) {
                // renamed into place a moment ago; read again
            }
            if (text != null) {
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    if (!mayBeHalfWritten) {
                        throw new IllegalStateException(stamp + ": " + e.getMessage(), e);
                    }
                    last = e;
                }
            }
            sleep(1);
        }
        throw new IllegalStateException("the build never wrote a stamp to " + stamp
                + (last == null ? "" : " (last read: " + last.getMessage() + ")"));
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
