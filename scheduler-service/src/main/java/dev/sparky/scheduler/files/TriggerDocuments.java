package dev.sparky.scheduler.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the text of a trigger file as data, never as code: JSON with Jackson's streaming parser, YAML with
 * SnakeYAML's node composer (no object construction, so no tags can instantiate classes). Both keep lines.
 */
final class TriggerDocuments {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Trigger files are a few lines; deeper nesting is a mistake or an alias bomb. */
    private static final int MAX_DEPTH = 16;

    private TriggerDocuments() {
    }

    static Located json(String text) throws TriggerFileException {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) {
                throw new TriggerFileException("the file has no JSON value; write {} for a trigger without options");
            }
            Located root = readJson(p, 0);
            if (p.nextToken() != null) {
                throw new TriggerFileException("unexpected content after the JSON value" + line(p));
            }
            return root;
        } catch (JsonParseException e) {
            throw new TriggerFileException("not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new TriggerFileException("cannot read JSON: " + e.getMessage());
        }
    }

    private static Located readJson(JsonParser p, int depth) throws IOException, TriggerFileException {
        int line = p.currentTokenLocation().getLineNr();
        if (depth > MAX_DEPTH) {
            throw new TriggerFileException("nested more than " + MAX_DEPTH + " levels deep (line " + line + ")");
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Located> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (map.put(name, readJson(p, depth + 1)) != null) {
                    throw new TriggerFileException("field '" + name + "' appears twice" + line(p));
                }
            }
            return new Located(map, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Located> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(readJson(p, depth + 1));
            }
            return new Located(list, line);
        }
        return new Located(t == JsonToken.VALUE_NULL ? null : p.getText(), line);
    }

    static Located yaml(String text) throws TriggerFileException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setAllowRecursiveKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new TriggerFileException("not valid YAML: " + e.getProblem()
                    + (line > 0 ? " (line " + line + ")" : ""));
        } catch (RuntimeException e) {
            throw new TriggerFileException("not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new TriggerFileException("the file has no YAML content; write {} for a trigger without options");
        }
        return readYaml(root, 0);
    }

    private static Located readYaml(Node n, int depth) throws TriggerFileException {
        int line = n.getStartMark().getLine() + 1;
        if (depth > MAX_DEPTH) {
            throw new TriggerFileException("nested more than " + MAX_DEPTH + " levels deep (line " + line + ")");
        }
        if (n instanceof MappingNode m) {
            Map<String, Located> map = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    throw new TriggerFileException("keys must be plain text (line " + line(t.getKeyNode()) + ")");
                }
                if (map.put(key.getValue(), readYaml(t.getValueNode(), depth + 1)) != null) {
                    throw new TriggerFileException("field '" + key.getValue() + "' appears twice (line "
                            + line(key) + ")");
                }
            }
            return new Located(map, line);
        }
        if (n instanceof SequenceNode s) {
            List<Located> list = new ArrayList<>();
            for (Node item : s.getValue()) {
                list.add(readYaml(item, depth + 1));
            }
            return new Located(list, line);
        }
        ScalarNode s = (ScalarNode) n;
        return new Located(Tag.NULL.equals(s.getTag()) ? null : s.getValue(), line);
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    private static String line(JsonParser p) {
        return " (line " + p.currentTokenLocation().getLineNr() + ")";
    }
}
