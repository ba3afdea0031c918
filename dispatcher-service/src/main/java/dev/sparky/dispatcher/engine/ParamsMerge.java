package dev.sparky.dispatcher.engine;

import dev.sparky.project.ProjectDefinition;
import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build's parameters, fixed when it is queued: the project's {@code tags}, then the defaults of its
 * {@code vars} (a form default is more specific than a tag), then the request's own params, which win.
 */
public final class ParamsMerge {
    private ParamsMerge() {}

    public static Map<String, String> merge(ProjectDefinition definition, Map<String, String> requested) {
        Map<String, String> out = new LinkedHashMap<>(definition.tags());
        for (VarSpec v : definition.vars()) {
            if (v.defaultValue() != null) {
                out.put(v.name(), v.defaultValue());
            }
        }
        requested.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }
}
