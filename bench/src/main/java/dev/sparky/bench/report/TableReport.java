package dev.sparky.bench.report;

import java.util.List;

/** The table printed at the end: metric, value, target, met? (also pasted into docs/performance.md). */
public final class TableReport {
    private TableReport() {}

    /** A Markdown table, readable as plain text too. */
    public static String markdown(List<Metric> metrics) {
        int w = Math.max(
                6, metrics.stream().mapToInt(m -> m.label().length()).max().orElse(6));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("| %-" + w + "s | %18s | %-10s | %-4s |%n", "metric", "value", "target", "met?"));
        sb.append("|")
                .append("-".repeat(w + 2))
                .append("|")
                .append("-".repeat(20))
                .append("|")
                .append("-".repeat(12))
                .append("|")
                .append("-".repeat(6))
                .append("|\n");
        for (Metric m : metrics) {
            String value = Numbers.fmt(m.value()) + " " + m.unit();
            String met = m.met() == null ? "" : m.met() ? "yes" : "NO";
            sb.append(String.format(
                    "| %-" + w + "s | %18s | %-10s | %-4s |%n",
                    m.label(),
                    value,
                    m.target() == null ? "" : m.target(),
                    met));
        }
        return sb.toString();
    }
}
