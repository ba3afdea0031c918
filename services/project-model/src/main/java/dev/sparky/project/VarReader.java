package dev.sparky.project;

import dev.sparky.contracts.ParameterNames;
import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one entry of {@code vars:}: name, type, default, values, multiple, group. */
final class VarReader {
    private VarReader() {}

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
        String fallback = null;
        Node defNode = item;
        Node valuesNode = item;
        for (NodeTuple t : m.getValue()) {
            Node v = t.getValueNode();
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            switch (key) {
                case "name" -> name = r.scalar("vars.name", v);
                case "type" -> type = r.scalar("vars.type", v);
                case "default", "value" -> {
                    def = v instanceof SequenceNode
                            ? String.join(",", r.stringList("vars.default", v))
                            : r.scalar("vars.default", v);
                    defNode = v;
                }
                case "values" -> {
                    // Sparky also takes one string here: "%list%" from templates/vars.yaml
                    values = v instanceof ScalarNode sv ? List.of(sv.getValue()) : r.stringList("vars.values", v);
                    valuesNode = v;
                }
                case "multiple" -> multiple = "true".equalsIgnoreCase(r.scalar("vars.multiple", v));
                case "group" ->
                    groups = v instanceof SequenceNode
                            ? r.stringList("vars.group", v)
                            : List.of(r.scalar("vars.group", v));
                case "fallback" -> fallback = r.scalar("vars.fallback", v);
                default -> r.warn(t.getKeyNode(), "vars: unknown key '" + key + "' is ignored");
            }
        }
        if (name == null || name.isBlank() || name.length() > 128 || name.contains(",") || name.contains("=")) {
            r.error(item, "vars: name is required: a name without ',' or '=' (the form sends name=value pairs)");
            return null;
        }
        if (!ParameterNames.SYNTAX.matcher(name).matches()) {
            // Sparky takes such names; a build parameter here is a variable name (docs/adr/0005): the form
            // leaves the var out instead of sending a name every door would refuse, and the project still builds.
            r.warn(
                    item,
                    "vars: '" + name + "' cannot be a build parameter: "
                            + ParameterNames.violation(name).orElse("not a variable name") + "; rename it (for example "
                            + suggestion(name)
                            + ") and read that name in the scenario; the form leaves it out until then");
            return null;
        }
        String reserved = ParameterNames.reservedClass(name).orElse(null);
        if (reserved != null) {
            // Every door refuses such a parameter and the runner does not pass it: the form could never build.
            r.warn(
                    item,
                    "vars: '" + name + "' cannot be a build parameter: " + reserved
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
        TemplateVars.Filled filledDefault = r.templates().fill(def);
        if (!filledDefault.complete() && fallback == null) {
            r.filled("vars: default of '" + name + "'", defNode, def);
        }
        def = filledDefault.complete() ? filledDefault.text() : fallback != null ? fallback : def;
        values = filledValues(values, fallback, name, valuesNode, r);
        return new VarSpec(name, type, def, values, multiple, groups);
    }

    /** Each entry filled; an entry naming a list becomes its (sorted) values; an undefined one its fallback. */
    private static List<String> filledValues(
            List<String> values, String fallback, String name, Node at, DefinitionReader r) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            TemplateVars.Filled f = r.templates().fill(v);
            if (f.list() != null) {
                out.addAll(f.list());
            } else if (f.complete()) {
                out.add(f.text());
            } else if (fallback != null) {
                out.add(fallback);
            } else {
                out.add(r.filled("vars: values of '" + name + "'", at, v));
            }
        }
        return List.copyOf(out);
    }

    private static String suggestion(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }
}
