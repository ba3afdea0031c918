package dev.sparky.project.yaml;

/**
 * Where something is in a YAML file: 1-based line and column (0 when unknown) and the 0-based character
 * index. Printed as {@code file:line:column}, the form editors jump to.
 */
public record YamlPosition(String file, int line, int column, int index) {
    /** For problems no line can be given for (a file too large, an alias limit). */
    public static YamlPosition unknown(String file) {
        return new YamlPosition(file, 0, 0, -1);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
