package dev.sparky.ui.api;

import dev.sparky.project.yaml.YamlException;
import dev.sparky.project.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code sparky.yaml} text as readers see it (project page and API): what the file holds in secret is
 * replaced by {@value #MASK}, and every line stays where it was, so the line numbers of errors still match.
 * Hidden: password defaults ({@code vars} entries of {@code type: password}: default, value, fallback), the
 * whole URL of every {@code notify} entry (web hooks carry their token in the URL), the values of {@code env}
 * entries whose name looks secret ({@link #SECRET_NAME}), and the user and password of any URL anywhere
 * ({@code https://user:pass@host}, the scm url and comments included). A file that does not parse as YAML
 * is hidden line by line: every {@code default:}, {@code value:}, {@code fallback:} and {@code url:} value and
 * every value of a secret-looking key.
 */
public final class YamlRedactor {
    public static final String MASK = "*****";
    /** Names of env entries whose values are hidden: anything that mentions a password, secret, token, key, credential or auth. */
    public static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASS|PWD|SECRET|TOKEN|KEY|CREDENTIAL|AUTH).*");

    private static final Pattern URL_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/\\s@'\"?#]+)@");
    private static final List<String> DEFAULT_KEYS = List.of("default", "value", "fallback");
    private static final Pattern BROKEN_LINE =
            Pattern.compile("^(\\s*(?:-\\s+)?[\"']?([A-Za-z0-9_.-]+)[\"']?\\s*:\\s+)(\\S.*)$");

    /** Lenient: it shows files the project model has already judged, duplicates and all. */
    private static final YamlReader NODES = YamlReader.STRICT.withMaxAliases(50).allowingDuplicateKeys();

    private YamlRedactor() {}

    public static String redact(String yaml) {
        if (yaml == null || yaml.isEmpty()) {
            return yaml;
        }
        String text;
        try {
            text = redactNodes(yaml);
        } catch (YamlException | YAMLException | IllegalArgumentException | IndexOutOfBoundsException e) {
            text = redactLines(yaml);
        }
        return urlCredentials(text);
    }

    /** {@code https://user:pass@host/x} becomes {@code https://*****@host/x}, wherever it is in the text. */
    public static String urlCredentials(String text) {
        return text == null
                ? null
                : URL_USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    }

    private record Span(int start, int end) {}

    private static String redactNodes(String yaml) {
        // The shared reader's nodes (not its value tree): the spans to mask need where each scalar ends too.
        Node root = NODES.compose(yaml, "sparky.yaml");
        List<Span> spans = new ArrayList<>();
        if (root instanceof MappingNode m) {
            int[] lineStarts = lineStarts(yaml);
            for (NodeTuple t : m.getValue()) {
                switch (key(t)) {
                    case "vars" -> passwordDefaults(t.getValueNode(), yaml, lineStarts, spans);
                    case "notify" -> notifyUrls(t.getValueNode(), yaml, lineStarts, spans);
                    case "env" -> secretEnv(t.getValueNode(), yaml, lineStarts, spans);
                    default -> {}
                }
            }
        }
        spans.sort(Comparator.comparingInt(Span::start).reversed());
        StringBuilder out = new StringBuilder(yaml);
        int lastStart = Integer.MAX_VALUE;
        for (Span s : spans) {
            if (s.end() > lastStart) {
                continue; // the same node reached twice (an alias)
            }
            // Keep the span's line breaks, so that the lines after it keep their numbers.
            String breaks = yaml.substring(s.start(), s.end()).replaceAll("[^\n]", "");
            out.replace(s.start(), s.end(), "'" + MASK + "'" + breaks);
            lastStart = s.start();
        }
        return out.toString();
    }

    private static void passwordDefaults(Node vars, String yaml, int[] lines, List<Span> spans) {
        if (!(vars instanceof SequenceNode seq)) {
            return;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof MappingNode var && isPassword(var)) {
                for (NodeTuple t : var.getValue()) {
                    if (DEFAULT_KEYS.contains(key(t))) {
                        everyScalar(t.getValueNode(), yaml, lines, spans);
                    }
                }
            }
        }
    }

    private static boolean isPassword(MappingNode var) {
        return var.getValue().stream()
                .anyMatch(t -> key(t).equals("type")
                        && t.getValueNode() instanceof ScalarNode s
                        && s.getValue().strip().equalsIgnoreCase("password"));
    }

    /** {@code notify: [{url, on}]} or one such mapping: each url, whole (hooks carry their token in it). */
    private static void notifyUrls(Node notify, String yaml, int[] lines, List<Span> spans) {
        List<Node> items = notify instanceof SequenceNode seq ? seq.getValue() : List.of(notify);
        for (Node item : items) {
            if (item instanceof MappingNode m) {
                m.getValue().stream()
                        .filter(t -> key(t).equals("url"))
                        .forEach(t -> everyScalar(t.getValueNode(), yaml, lines, spans));
            } else {
                everyScalar(item, yaml, lines, spans);
            }
        }
    }

    private static void secretEnv(Node env, String yaml, int[] lines, List<Span> spans) {
        if (env instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (SECRET_NAME.matcher(key(t)).matches()) {
                    everyScalar(t.getValueNode(), yaml, lines, spans);
                }
            }
        }
    }

    private static void everyScalar(Node node, String yaml, int[] lines, List<Span> spans) {
        if (node instanceof ScalarNode s) {
            spans.add(new Span(offset(s.getStartMark(), yaml, lines), offset(s.getEndMark(), yaml, lines)));
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> everyScalar(n, yaml, lines, spans));
        } else if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> everyScalar(t.getValueNode(), yaml, lines, spans));
        }
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    /** Marks count code points by line and column: turned into a String index here. */
    private static int offset(Mark mark, String yaml, int[] lineStarts) {
        int lineStart = lineStarts[mark.getLine()];
        return yaml.offsetByCodePoints(lineStart, mark.getColumn());
    }

    private static int[] lineStarts(String yaml) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < yaml.length(); i++) {
            if (yaml.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        starts.add(yaml.length());
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A file that is not YAML: each {@code key: value} line whose key may hold a secret loses its value. */
    static String redactLines(String yaml) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = BROKEN_LINE.matcher(lines[i]);
            if (m.matches()) {
                String key = m.group(2).toLowerCase(Locale.ROOT);
                if (DEFAULT_KEYS.contains(key)
                        || key.equals("url")
                        || SECRET_NAME.matcher(key).matches()) {
                    lines[i] = m.group(1) + "'" + MASK + "'";
                }
            }
        }
        return String.join("\n", lines);
    }
}
