package dev.sparky.project;

import dev.sparky.contracts.ParameterNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sparky's tag strings: {@code k=v,k2=v2,flag}. A bare word means {@code flag=true}. Sparky's escapes
 * ({@code ___comma___}, {@code ___eq___}, {@code ___nl___}, {@code ___space___}) are decoded.
 */
public final class TagString {
    private TagString() {}

    /** @throws IllegalArgumentException naming the bad pair */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String raw : text.split("[,\\n]")) {
            String pair = raw.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            String value = eq < 0 ? "true" : decode(pair.substring(eq + 1).trim());
            if (!ParameterNames.SYNTAX.matcher(key).matches()) {
                // Say which rule, e.g. that BASH_FUNC_x%% is an exported function, not just a bad name.
                throw new IllegalArgumentException("tag '" + pair + "': "
                        + ParameterNames.reservedClass(key)
                                .flatMap(rule -> ParameterNames.refusal(key))
                                .orElse("the name must be a variable name ([A-Za-z_][A-Za-z0-9_]*)"));
            }
            out.put(key, value);
        }
        return out;
    }

    static String decode(String v) {
        return v.replace("___comma___", ",")
                .replace("___eq___", "=")
                .replace("___nl___", "\n")
                .replace("___space___", " ");
    }
}
