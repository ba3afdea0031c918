package dev.sparky.bench.report;

/**
 * One row of the table.
 *
 * @param key stable name in the JSON ({@code latency.p50_ms})
 * @param label what the table shows
 * @param value the measurement; NaN when it could not be taken
 * @param unit ms, builds/min, MB/s, MiB, x
 * @param target the goal as text ({@code <= 25}); null when there is none
 * @param met whether the value meets the target; null when there is none
 */
public record Metric(String key, String label, double value, String unit, String target, Boolean met) {

    /** A measurement without a target. */
    public static Metric info(String key, String label, double value, String unit) {
        return new Metric(key, label, value, unit, null, null);
    }

    /** A measurement whose target is an upper bound. */
    public static Metric atMost(String key, String label, double value, String unit, double limit) {
        return new Metric(
                key, label, value, unit, "<= " + Numbers.fmt(limit), Double.isNaN(value) ? false : value <= limit);
    }

    /** A measurement whose target is a lower bound. */
    public static Metric atLeast(String key, String label, double value, String unit, double floor) {
        return new Metric(
                key, label, value, unit, ">= " + Numbers.fmt(floor), Double.isNaN(value) ? false : value >= floor);
    }
}
