package dev.sparky.scheduler.files;

import java.util.List;
import java.util.Map;

/**
 * A value read from a trigger file with the line it starts on (0 when unknown). The value is a scalar's
 * text, null, a {@code Map<String, Located>} (in file order) or a {@code List<Located>}; JSON and YAML files
 * both read into this, so the checks and their messages are the same for both.
 */
record Located(Object value, int line) {

    boolean isScalar() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    Map<String, Located> map() {
        return (Map<String, Located>) value;
    }

    boolean isMap() {
        return value instanceof Map;
    }

    String kind() {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "text";
    }

    String at() {
        return line > 0 ? " (line " + line + ")" : "";
    }
}
