package dev.sparky.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.bench.sys.Http;
import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.SparkyApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The log path: a build prints {@code bytes} of text; measured from its first line (a stamp written before
 * the first byte) until {@code GET /report/raw} returns the whole log, against the same script with its
 * output sent to a local file.
 */
public final class LogPathBench {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    /**
     * @param scriptEndSeconds stamp to the build's end as the dispatcher recorded it
     * @param readableSeconds stamp to the API reporting the whole size (before the download)
     * @param totalSeconds stamp to the end of the whole {@code /report/raw} download
     * @param jobId the build's job id ({@code local-log} for the local run)
     */
    public record Result(
            String jobId,
            long bytes,
            long downloaded,
            double scriptEndSeconds,
            double readableSeconds,
            double totalSeconds,
            double mbPerSecond) {}

    private LogPathBench() {}

    public static Result sparky(SparkyApi api, String project, Path stamps, long bytes) {
        String jobId = api.trigger(project);
        long start = LatencyBench.awaitNanos(stamps.resolve(jobId));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode b = api.build(project, jobId);
        while (b.path("logBytes").asLong() < bytes) {
            if (System.nanoTime() > deadline || "failed".equals(b.path("state").asText())) {
                throw new IllegalStateException("log of " + project + "/" + jobId + " stopped at "
                        + b.path("logBytes").asLong() + " bytes, state "
                        + b.path("state").asText());
            }
            LatencyBench.sleep(50);
            b = api.build(project, jobId);
        }
        long readable = Stats.epochNanos();
        Http.Timed raw = new Http().get(api.base() + "/report/raw/" + project + "/" + jobId, TIMEOUT);
        long done = Stats.epochNanos();
        if (raw.status() != 200 || raw.bytes() < bytes) {
            throw new IllegalStateException(
                    "/report/raw answered " + raw.status() + " with " + raw.bytes() + " bytes, not " + bytes);
        }
        double end = Double.NaN;
        JsonNode fin = api.build(project, jobId).path("finishedAt");
        if (!fin.isNull() && !fin.isMissingNode()) {
            java.time.Instant at = java.time.Instant.parse(fin.asText());
            end = (at.getEpochSecond() * 1e9 + at.getNano() - start) / 1e9;
        }
        double total = (done - start) / 1e9;
        return new Result(jobId, bytes, raw.bytes(), end, (readable - start) / 1e9, total, bytes / 1e6 / total);
    }

    /** The same script, its output redirected to a file on the same disk. */
    public static Result local(Path job, Path stamps, Path out, long bytes) {
        ProcessBuilder pb = new ProcessBuilder("bash", job.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("SPARKY_JOB_ID", "local-log");
        try {
            Process p = pb.start();
            int code = p.waitFor();
            long done = Stats.epochNanos();
            long start = LatencyBench.awaitNanos(stamps.resolve("local-log"));
            long size = Files.size(out);
            Files.delete(out);
            if (code != 0 || size < bytes) {
                throw new IllegalStateException("the local run wrote " + size + " bytes, exit " + code);
            }
            double total = (done - start) / 1e9;
            return new Result("local-log", bytes, size, total, total, total, bytes / 1e6 / total);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + job + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
