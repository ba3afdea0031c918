package dev.sparky.runner.exec;

import java.time.Duration;

/** Durations as people write them in sparky.yaml: "1h", "90s" becomes "1m30s". */
public final class DurationFormat {
    private DurationFormat() {}

    public static String of(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        append(out, s / 86400, "d");
        append(out, s % 86400 / 3600, "h");
        append(out, s % 3600 / 60, "m");
        append(out, s % 60, "s");
        return out.toString();
    }

    private static void append(StringBuilder out, long value, String unit) {
        if (value > 0) {
            out.append(value).append(unit);
        }
    }
}
