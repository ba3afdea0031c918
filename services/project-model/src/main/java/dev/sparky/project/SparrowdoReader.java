package dev.sparky.project;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads Sparky's {@code sparrowdo:} section: the options of the {@code sparrowdo} command that runs a
 * project's {@code sparrowfile}. {@code tags} become default build parameters (as in Sparky); the options that
 * make sense on a runner become {@link ProjectDefinition#sparrowdo()} flags; the options that send the build to
 * another host are errors, since a build always runs on the runner that takes it.
 */
final class SparrowdoReader {
    /** Options that name another machine (or a container): the project is not buildable with them. */
    static final Set<String> ELSEWHERE =
            Set.of("host", "ssh_user", "ssh_port", "ssh_private_key", "docker", "image", "bootstrap", "sync");
    /** Of those, the ones Sparky's own examples set to {@code false}: off, they ask for nothing elsewhere. */
    private static final Set<String> OFF_IS_HARMLESS = Set.of("bootstrap", "sync");
    /** Values of {@code repo}: a URL without spaces, quotes or shell characters, never an option. */
    private static final String REPO = "(https?|file)://[A-Za-z0-9._~:/?#@!&+=%-]+";

    private final DefinitionReader reader;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    SparrowdoReader(DefinitionReader reader) {
        this.reader = reader;
    }

    /** The tags read so far: default build parameters. */
    Map<String, String> tags() {
        return tags;
    }

    /** The sparrowdo flags read so far, by option name ({@code repo}, {@code no_index_update}, ...). */
    Map<String, String> options() {
        return Map.copyOf(options);
    }

    void read(Node v, BiFunction<String, Node, Map<String, String>> tagReader) {
        if (!(v instanceof MappingNode m)) {
            reader.error(v, "sparrowdo: expected a mapping of sparrowdo options (no_sudo: true, tags: ..., ...)");
            return;
        }
        for (NodeTuple t : m.getValue()) {
            Node key = t.getKeyNode();
            Node value = t.getValueNode();
            String k = reader.scalarKey(key);
            if (k == null) {
                continue;
            }
            String name = "sparrowdo." + k;
            if (OFF_IS_HARMLESS.contains(k) && !flag(name, value)) {
                continue; // bootstrap: false (Sparky's examples say so): nothing to install, nothing to refuse
            }
            if (ELSEWHERE.contains(k)) {
                reader.error(
                        key,
                        name + ": a build runs on the runner that takes it, never on another host or "
                                + "container: remove " + k
                                + " and run this project on a runner pool whose runner is that "
                                + "host (or container)");
                continue;
            }
            switch (k) {
                case "tags" -> tags.putAll(tagReader.apply(name, value));
                case "no_sudo" -> {
                    if (!flag(name, value)) {
                        reader.warn(
                                value,
                                name + ": builds never use sudo on a runner; sparrowdo always runs "
                                        + "with --no_sudo");
                    }
                }
                case "localhost" -> {
                    if (!flag(name, value)) {
                        reader.warn(value, name + ": a build always runs on its runner (localhost)");
                    }
                }
                case "no_index_update", "verbose", "debug" -> {
                    if (flag(name, value)) {
                        options.put(k, "true");
                    }
                }
                case "repo" ->
                    text(name, value, REPO, "a URL such as file:///srv/sparrow-repo or " + "https://repo.example.org")
                            .ifPresent(s -> options.put(k, s));
                case "conf" ->
                    text(
                                    name,
                                    value,
                                    "(?!\\.\\.?/)(?!/)(?!.*/\\.\\./)(?!.*/\\.\\.$)[A-Za-z0-9._/-]+",
                                    "a file name inside the project folder, such as config.raku (relative, no '..')")
                            .ifPresent(s -> options.put(k, s));
                case "format" ->
                    reader.warn(
                            key,
                            name + " is ignored: sparrowdo has no output format option; " + "output is coloured lines");
                case "secretsfile" ->
                    reader.warn(
                            key,
                            name + " is ignored: list the variables under secrets: and "
                                    + "keep their values in the project's secret folder");
                default -> reader.warn(key, name + ": unknown sparrowdo option is ignored (check its spelling)");
            }
        }
    }

    private boolean flag(String name, Node value) {
        String s = reader.scalar(name, value);
        if (s == null) {
            return false;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> {
                reader.error(value, name + ": expected true or false, got '" + s + "'");
                yield false;
            }
        };
    }

    private Optional<String> text(String name, Node value, String pattern, String expected) {
        String s = reader.scalar(name, value);
        if (s == null) {
            return Optional.empty();
        }
        String trimmed = s.trim();
        if (trimmed.startsWith("-") || trimmed.length() > 1000 || !trimmed.matches(pattern)) {
            reader.error(value, name + ": '" + s + "' is not valid: expected " + expected);
            return Optional.empty();
        }
        return Optional.of(trimmed);
    }
}
