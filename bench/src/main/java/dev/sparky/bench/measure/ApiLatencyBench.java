package dev.sparky.bench.measure;

import dev.sparky.bench.sys.Http;
import dev.sparky.bench.sys.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Latency of API calls and pages, one request at a time over a kept-alive connection, each on a random
 * project or build so that no answer comes from a warm cache line. p50/p99 of the time to the last byte.
 */
public final class ApiLatencyBench {
    /** p50/p99 in ms, the count of answers that were not 200, and the mean body size. */
    public record Result(double p50, double p99, int errors, long meanBytes) {}

    private final Http http = new Http();
    private final String base;
    private final Random random = new Random(42);

    public ApiLatencyBench(String base) {
        this.base = base;
    }

    /** Measures each endpoint; {@code path} makes a path from a random source. */
    public Map<String, Result> measure(Map<String, Function<Random, String>> endpoints, int requests) {
        Map<String, Result> out = new LinkedHashMap<>();
        endpoints.forEach((name, path) -> out.put(name, one(path, requests)));
        return out;
    }

    private Result one(Function<Random, String> path, int requests) {
        for (int i = 0; i < 5; i++) {
            http.get(base + path.apply(random), Duration.ofSeconds(60));
        }
        List<Double> millis = new ArrayList<>();
        int errors = 0;
        long bytes = 0;
        for (int i = 0; i < requests; i++) {
            Http.Timed t = http.get(base + path.apply(random), Duration.ofSeconds(60));
            millis.add(t.millis());
            bytes += t.bytes();
            errors += t.status() == 200 ? 0 : 1;
        }
        return new Result(Stats.percentile(millis, 50), Stats.percentile(millis, 99), errors, bytes / requests);
    }
}
