package dev.sparky.project.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One value of a YAML document, with where it starts: a mapping, a sequence or a scalar. */
public sealed interface YamlValue permits YamlValue.Mapping, YamlValue.Sequence, YamlValue.Scalar {

    YamlPosition at();

    /**
     * The value as plain Java data, as SnakeYAML's safe loader would give it: {@code Map<String, Object>} in
     * file order, {@code List<Object>}, {@code String}, {@code Integer}/{@code Long}, {@code Double},
     * {@code Boolean} or null.
     */
    Object plain();

    /** A mapping with text keys, in file order. */
    record Mapping(Map<String, YamlValue> entries, Map<String, YamlPosition> keys, YamlPosition at)
            implements YamlValue {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        public YamlValue get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, Object> plain() {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach((k, v) -> m.put(k, v.plain()));
            return m;
        }
    }

    record Sequence(List<YamlValue> items, YamlPosition at) implements YamlValue {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public List<Object> plain() {
            List<Object> l = new ArrayList<>();
            items.forEach(v -> l.add(v.plain()));
            return l;
        }
    }

    /** A scalar as written, with the type YAML's core schema resolves it to. */
    record Scalar(String text, Type type, YamlPosition at) implements YamlValue {
        public enum Type {
            NULL,
            BOOL,
            INT,
            FLOAT,
            STRING
        }

        /** The text, or null for a YAML null ({@code ~}, {@code null} or nothing). */
        public String textOrNull() {
            return type == Type.NULL ? null : text;
        }

        @Override
        public Object plain() {
            String t = text.replace("_", "");
            try {
                return switch (type) {
                    case NULL -> null;
                    case BOOL ->
                        Boolean.valueOf(List.of("true", "yes", "on", "y").contains(text.toLowerCase(Locale.ROOT)));
                    case INT -> {
                        long v = Long.decode(t.startsWith("0o") ? "0" + t.substring(2) : t);
                        yield v == (int) v ? (Object) (int) v : (Object) v;
                    }
                    case FLOAT -> Double.valueOf(t);
                    case STRING -> text;
                };
            } catch (NumberFormatException e) {
                return text; // a number form Java does not read (sexagesimal, .inf): kept as written
            }
        }
    }
}
