package dev.sparky.project;

import dev.sparky.contracts.ParameterNames;
import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one entry of {@code vars:}: name, type, default, values, multiple, group. */
final class VarReader {
    private VarReader() {
    }

    static VarSpec read(Node item, DefinitionReader r) {
        if (!(item instanceof MappingNode m)) {
            r.error(item, "vars: each entry must be a mapping {name, type, default}");
            return null;
        }
        String name = null;
        String type = "input";
        String def = null;
        List<String> values = List.of();
        boolean multiple = false;
        List<String> groups = List.of();
        for (NodeTuple t : m.getValue()) {
            Node v = t.getValueNode();
            String key = t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : "";
            switch (key) {
                case "name" -> name = r.scalar("vars.name", v);
                case "type" -> type = r.scalar("vars.type", v);
                case "default", "value" -> def = v instanceof SequenceNode
                        ? String.join(",", r.stringList("vars.default", v)) : r.scalar("vars.default", v);
                case "values" -> values = r.stringList("vars.values", v);
                case "multiple" -> multiple = "true".equalsIgnoreCase(r.scalar("vars.multiple", v));
                case "group" -> groups = v instanceof SequenceNode ? r.stringList("vars.group", v)
                        : List.of(r.scalar("vars.group", v));
                case "fallback" -> def = def == null ? r.scalar("vars.fallback", v) : def;
                default -> r.warn(t.getKeyNode(), "vars: unknown key '" + key + "' is ignored");
            }
        }
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            r.error(item, "vars: name is required and must be a valid variable name ([A-Za-z_][A-Za-z0-9_]*)");
            return null;
        }
        String reserved = ParameterNames.reservedClass(name).orElse(null);
        if (reserved != null) {
            // Every door refuses such a parameter and the runner does not pass it: the form could never build.
            r.warn(item, "vars: '" + name + "' cannot be a build parameter: " + reserved
                    + "; rename the var (set fixed values in env: instead)");
        }
        if (type == null || !r.isVarType(type)) {
            r.error(item, "vars: type of '" + name + "' must be input, password, textarea, select or checkbox");
            return null;
        }
        if ("select".equals(type) && values.isEmpty()) {
            r.error(item, "vars: select '" + name + "' needs values: [a, b]");
            return null;
        }
        return new VarSpec(name, type, def, values, multiple, groups);
    }
}
