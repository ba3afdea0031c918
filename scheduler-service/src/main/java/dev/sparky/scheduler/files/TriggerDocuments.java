package dev.sparky.scheduler.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sparky.project.yaml.YamlException;
import dev.sparky.project.yaml.YamlReader;
import dev.sparky.project.yaml.YamlValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text of a trigger file as data, never as code: JSON with Jackson's streaming parser, YAML with
 * project-model's {@link YamlReader} (no object construction, so no tags can instantiate classes). Both keep
 * lines.
 */
final class TriggerDocuments {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Trigger files are a few lines; deeper nesting is a mistake or an alias bomb. */
    private static final int MAX_DEPTH = 16;

    private static final YamlReader YAML = YamlReader.STRICT.withMaxAliases(10).withMaxDepth(MAX_DEPTH);

    private TriggerDocuments() {}

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
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
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
        YamlValue root;
        try {
            root = YAML.read(text, "trigger file");
        } catch (YamlException e) {
            throw new TriggerFileException("not valid YAML: " + e.detail()
                    + (e.at().line() > 0 ? " (line " + e.at().line() + ", column " + e.at().column() + ")" : ""));
        }
        if (root == null) {
            throw new TriggerFileException("the file has no YAML content; write {} for a trigger without options");
        }
        return located(root);
    }

    private static Located located(YamlValue v) {
        int line = v.at().line();
        if (v instanceof YamlValue.Mapping m) {
            Map<String, Located> map = new LinkedHashMap<>();
            m.entries().forEach((k, item) -> map.put(k, located(item)));
            return new Located(map, line);
        }
        if (v instanceof YamlValue.Sequence s) {
            List<Located> list = new ArrayList<>();
            s.items().forEach(item -> list.add(located(item)));
            return new Located(list, line);
        }
        return new Located(((YamlValue.Scalar) v).textOrNull(), line);
    }

    private static String line(JsonParser p) {
        return " (line " + p.currentTokenLocation().getLineNr() + ")";
    }
}
