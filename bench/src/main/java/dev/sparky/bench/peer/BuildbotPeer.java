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
    /** What run.sh measured; latencies NaN when it ran no latency builds. */
    public record Result(int workers, double p50, double p90, double p99, int latencyBuilds, double perMinute,
            String version, String notes) {
    }

    private final Path script;
    private final Path outDir;

    public BuildbotPeer(Path repoRoot, Path outDir) {
        this.script = repoRoot.resolve("bench/buildbot/run.sh");
        this.outDir = outDir;
    }

    public Result run(int workers, int latencyBuilds, int durationSeconds) {
        Path json = outDir.resolve("buildbot-w" + workers + ".json");
        try {
            Files.createDirectories(outDir);
            Files.deleteIfExists(json);
            Process p = new ProcessBuilder("bash", script.toString(), "--workers", Integer.toString(workers),
                    "--latency-builds", Integer.toString(latencyBuilds), "--duration",
                    Integer.toString(durationSeconds), "--json", json.toString()).inheritIO().start();
            int code = p.waitFor();
            if (!Files.exists(json)) {
                throw new IllegalStateException("bench/buildbot/run.sh exited " + code + " without a result");
            }
            JsonNode r = Json.mapper().readTree(json.toFile());
            JsonNode lat = r.path("latency_ms");
            return new Result(workers, num(lat.path("p50")), num(lat.path("p90")), num(lat.path("p99")),
                    lat.path("n").asInt(), num(r.path("throughput_per_min")), r.path("version").asText(),
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
