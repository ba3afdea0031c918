package dev.sparky.bench.report;

import java.util.Locale;

/** Number formatting for the table: a few significant digits, no exponent. */
public final class Numbers {
    private Numbers() {}

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.2f", v);
    }

    /** Rounds for the JSON: 3 decimals at most, NaN kept as null by the caller. */
    public static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
