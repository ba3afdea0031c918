package dev.sparky.bench.sys;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles by the nearest-rank method (as the Buildbot side computes them). */
public final class Stats {
    private Stats() {}

    /** @param pct 0..100 */
    public static double percentile(Collection<Double> values, double pct) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(pct / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    public static double mean(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Wall-clock time since the epoch in nanoseconds, comparable with a script's {@code date +%s%N}. */
    public static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
