package dev.sparky.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Buildbot measured with the same workloads: runs {@code bench/buildbot/run.sh} (its own master and workers,
 * stopped when it ends) and reads the JSON it writes.
 */
public final class BuildbotPeer {
    /**
     * What run.sh measured; latencies NaN when it ran no latency builds. {@code dateP50}: to the {@code date}
     * the latency script runs after its first line.
     */
    public record Result(
            int workers,
            double p50,
            double p90,
            double p99,
            double dateP50,
            int latencyBuilds,
            double perMinute,
            String version,
            String notes) {}

    private final Path script;
    private final Path outDir;
    private final Path latencyJob;
    private final Path stamps;

    /** @param latencyJob the script the latency builds run, writing its stamps into {@code stamps} */
    public BuildbotPeer(Path repoRoot, Path outDir, Path latencyJob, Path stamps) {
        this.script = repoRoot.resolve("bench/buildbot/run.sh");
        this.outDir = outDir;
        this.latencyJob = latencyJob;
        this.stamps = stamps;
    }

    /** @param warmupBuilds unmeasured latency builds first, as on Sparky's side */
    public Result run(int workers, int latencyBuilds, int warmupBuilds, int durationSeconds) {
        Path json = outDir.resolve("buildbot-w" + workers + ".json");
        try {
            Files.createDirectories(outDir);
            Files.deleteIfExists(json);
            Process p = new ProcessBuilder(
                            "bash",
                            script.toString(),
                            "--workers",
                            Integer.toString(workers),
                            "--latency-builds",
                            Integer.toString(latencyBuilds),
                            "--warmup-builds",
                            Integer.toString(latencyBuilds > 0 ? warmupBuilds : 0),
                            "--duration",
                            Integer.toString(durationSeconds),
                            "--latency-script",
                            latencyJob.toString(),
                            "--stamp-dir",
                            stamps.toString(),
                            "--json",
                            json.toString())
                    .inheritIO()
                    .start();
            int code = p.waitFor();
            if (!Files.exists(json)) {
                throw new IllegalStateException("bench/buildbot/run.sh exited " + code + " without a result");
            }
            JsonNode r = Json.mapper().readTree(json.toFile());
            JsonNode lat = r.path("latency_ms");
            return new Result(
                    workers,
                    num(lat.path("p50")),
                    num(lat.path("p90")),
                    num(lat.path("p99")),
                    num(r.path("latency_date_ms").path("p50")),
                    lat.path("n").asInt(),
                    num(r.path("throughput_per_min")),
                    r.path("version").asText(),
                    r.path("notes").asText() + (code == 0 ? "" : " (run.sh exit code " + code + ")"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
