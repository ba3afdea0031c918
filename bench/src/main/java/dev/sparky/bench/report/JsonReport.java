package dev.sparky.bench.report;

import dev.sparky.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run as JSON: machine, options, every metric (NaN as null), the plot series and the notes. */
public final class JsonReport {
    private JsonReport() {}

    public static void write(Path file, Map<String, Object> header, Results results) {
        Map<String, Object> root = new LinkedHashMap<>(header);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Metric m : results.metrics()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", m.key());
            row.put("label", m.label());
            row.put("value", Double.isNaN(m.value()) ? null : Numbers.round(m.value()));
            row.put("unit", m.unit());
            row.put("target", m.target());
            row.put("met", m.met());
            rows.add(row);
        }
        root.put("metrics", rows);
        root.put("series", results.series());
        root.put("notes", results.notes());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
