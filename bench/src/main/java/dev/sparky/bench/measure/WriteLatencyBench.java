package dev.sparky.bench.measure;

import dev.sparky.bench.sys.Http;
import dev.sparky.bench.sys.Stats;
import dev.sparky.testkit.SparkyApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dispatcher's write path: from sending {@code POST /build/project/p} until the dispatcher answers the
 * build as a row ({@code GET /api/v1/projects/p/jobs/id} is 200), i.e. accepted, polled from Kafka and
 * inserted in SQLite. One request at a time; the client polls every 2 ms.
 */
public final class WriteLatencyBench {
    private WriteLatencyBench() {}

    /** @return milliseconds per request */
    public static List<Double> run(SparkyApi api, String project, int requests) {
        Http http = new Http();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            String jobId = api.trigger(project);
            String url = api.base() + "/api/v1/projects/" + project + "/jobs/" + jobId;
            long deadline = t0 + Duration.ofSeconds(60).toNanos();
            while (http.get(url, Duration.ofSeconds(10)).status() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("build " + project + "/" + jobId + " never recorded");
                }
                LatencyBench.sleep(2);
            }
            out.add((System.nanoTime() - t0) / 1e6);
        }
        return out;
    }

    public static double p50(List<Double> ms) {
        return Stats.percentile(ms, 50);
    }
}
