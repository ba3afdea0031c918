package dev.sparky.project.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The one reader of Sparky's YAML files (sparky.yaml, trigger files, the users and ACL files, Sparky's files on
 * import). Reads data only: SnakeYAML's composer builds nodes and no object is ever constructed, so no tag can
 * instantiate a class. Aliases and nesting are capped (alias bombs), and every value and every error carries
 * {@code file:line:column}.
 *
 * @param maxAliases the most aliases to collections a document may use
 * @param maxDepth the deepest nesting allowed
 * @param duplicateKeys whether a key may appear twice in a mapping (the last one wins, as in Sparky)
 */
public record YamlReader(int maxAliases, int maxDepth, boolean duplicateKeys) {
    /** Refuses duplicate keys; 20 aliases and 32 levels are far more than any Sparky file uses. */
    public static final YamlReader STRICT = new YamlReader(20, 32, false);

    public YamlReader withMaxAliases(int max) {
        return new YamlReader(max, maxDepth, duplicateKeys);
    }

    public YamlReader withMaxDepth(int max) {
        return new YamlReader(maxAliases, max, duplicateKeys);
    }

    public YamlReader allowingDuplicateKeys() {
        return new YamlReader(maxAliases, maxDepth, true);
    }

    /**
     * @return the document's value, or null for a file without content (empty, or only comments)
     * @throws YamlException with the position of the first problem
     */
    public YamlValue read(String text, String file) {
        Node root = compose(text, file);
        return root == null ? null : value(root, file, 0);
    }

    /**
     * The SnakeYAML node tree, with this reader's limits and errors, for a reader that walks nodes itself.
     *
     * @return null for a file without content
     */
    public Node compose(String text, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(maxAliases);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(duplicateKeys);
        // SnakeYAML's own cap only guards its stack; the reader's depth check below says where.
        options.setNestingDepthLimit(Math.max(maxDepth + 1, 50));
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new YamlException(
                    m == null ? YamlPosition.unknown(file) : position(file, m),
                    YamlException.SYNTAX_ERROR
                            + e.getProblem()
                            + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (YAMLException e) {
            throw new YamlException(YamlPosition.unknown(file), YamlException.NOT_YAML + e.getMessage());
        }
    }

    /** Where a node starts. */
    public static YamlPosition position(String file, Node n) {
        return position(file, n.getStartMark());
    }

    private static YamlPosition position(String file, Mark m) {
        return new YamlPosition(file, m.getLine() + 1, m.getColumn() + 1, m.getIndex());
    }

    private YamlValue value(Node n, String file, int depth) {
        YamlPosition at = position(file, n);
        if (depth > maxDepth) {
            throw new YamlException(at, "nested more than " + maxDepth + " levels deep");
        }
        if (n instanceof MappingNode m) {
            Map<String, YamlValue> entries = new LinkedHashMap<>();
            Map<String, YamlPosition> keys = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    throw new YamlException(position(file, t.getKeyNode()), "keys must be plain text");
                }
                if (entries.containsKey(key.getValue()) && !duplicateKeys) {
                    throw new YamlException(position(file, key), "key '" + key.getValue() + "' appears twice");
                }
                entries.put(key.getValue(), value(t.getValueNode(), file, depth + 1));
                keys.put(key.getValue(), position(file, key));
            }
            return new YamlValue.Mapping(entries, keys, at);
        }
        if (n instanceof SequenceNode s) {
            List<YamlValue> items = new ArrayList<>();
            for (Node item : s.getValue()) {
                items.add(value(item, file, depth + 1));
            }
            return new YamlValue.Sequence(items, at);
        }
        ScalarNode s = (ScalarNode) n;
        return new YamlValue.Scalar(s.getValue(), type(s), at);
    }

    private static YamlValue.Scalar.Type type(ScalarNode s) {
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return YamlValue.Scalar.Type.NULL;
        }
        if (Tag.BOOL.equals(tag)) {
            return YamlValue.Scalar.Type.BOOL;
        }
        if (Tag.INT.equals(tag)) {
            return YamlValue.Scalar.Type.INT;
        }
        if (Tag.FLOAT.equals(tag)) {
            return YamlValue.Scalar.Type.FLOAT;
        }
        return YamlValue.Scalar.Type.STRING;
    }
}
