package dev.sparky.ui.auth;

import dev.sparky.project.yaml.YamlException;
import dev.sparky.project.yaml.YamlReader;
import dev.sparky.project.yaml.YamlValue;
import java.util.List;
import java.util.Map;

/** Reads the users and ACL files with project-model's YAML reader: plain data only, errors with file:line:column. */
final class YamlFiles {
    private static final YamlReader YAML = YamlReader.STRICT.withMaxAliases(10);

    private YamlFiles() {}

    /** @throws IllegalArgumentException naming the file, line and column, never quoting its content (hashes) */
    static Map<String, Object> read(String text, String file) {
        YamlValue root;
        try {
            root = YAML.read(text, file);
        } catch (YamlException e) {
            // SnakeYAML's description of the problem, never the snippet of the file it can quote
            throw new IllegalArgumentException(
                    e.at().line() > 0 ? e.at() + ": not valid YAML (" + e.detail() + ")" : file + ": not valid YAML");
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof YamlValue.Mapping map)) {
            throw new IllegalArgumentException(file + ": expected a mapping at the top");
        }
        return map.plain();
    }

    /** A list of strings (a single string counts as a list of one). */
    static List<String> names(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + ": expected a list of names");
        }
        return list.stream()
                .map(o -> {
                    if (!(o instanceof String s) || s.isBlank()) {
                        throw new IllegalArgumentException(where + ": every entry must be a name, got " + o);
                    }
                    return s.strip();
                })
                .toList();
    }

    static Map<?, ?> mapping(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a mapping");
        }
        return m;
    }
}
