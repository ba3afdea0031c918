package dev.sparky.ui.auth;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads the users and ACL files: plain YAML data only (no tags, no objects), errors with the line. */
final class YamlFiles {
    private YamlFiles() {
    }

    /** @throws IllegalArgumentException naming the file and line, never quoting its content (hashes) */
    static Map<String, Object> read(String text, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            Object root = new Yaml(new SafeConstructor(options)).load(text);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": expected a mapping at the top");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return m;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new IllegalArgumentException(file + ":" + line + ": not valid YAML (" + e.getProblem() + ")");
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": not valid YAML (" + e.getClass().getSimpleName() + ")");
        }
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
        return list.stream().map(o -> {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(where + ": every entry must be a name, got " + o);
            }
            return s.strip();
        }).toList();
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
