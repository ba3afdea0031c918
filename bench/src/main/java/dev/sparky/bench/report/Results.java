package dev.sparky.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured: the table rows in the order taken, the series behind the plots, and notes
 * (counts, failures, load) that say how to read them. Measurements add to it as they finish, so a failing
 * later step still leaves the earlier numbers in the report.
 */
public final class Results {
    private final List<Metric> metrics = new ArrayList<>();
    private final Map<String, Object> series = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public synchronized void add(Metric m) {
        metrics.add(m);
        System.out.printf("    %-52s %12s %s%n", m.label(), Numbers.fmt(m.value()), m.unit());
    }

    public synchronized void series(String name, Object value) {
        series.put(name, value);
    }

    public synchronized void note(String text) {
        notes.add(text);
        System.out.println("    note: " + text);
    }

    public synchronized List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    public synchronized Map<String, Object> series() {
        return new LinkedHashMap<>(series);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** The metrics of a JSON report written by {@link JsonReport}, to draw its plots again. */
    public static Results fromJson(java.nio.file.Path file) {
        Results r = new Results();
        try {
            for (com.fasterxml.jackson.databind.JsonNode m :
                    dev.sparky.contracts.Json.mapper().readTree(file.toFile()).path("metrics")) {
                double v = m.path("value").isNumber() ? m.path("value").asDouble() : Double.NaN;
                r.metrics.add(Metric.info(
                        m.path("key").asText(),
                        m.path("label").asText(),
                        v,
                        m.path("unit").asText()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        return r;
    }

    /** The value of a metric by key, NaN when it was not measured. */
    public synchronized double value(String key) {
        return metrics.stream()
                .filter(m -> m.key().equals(key))
                .mapToDouble(Metric::value)
                .findFirst()
                .orElse(Double.NaN);
    }
}
