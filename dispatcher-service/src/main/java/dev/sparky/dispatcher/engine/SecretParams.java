package dev.sparky.dispatcher.engine;

import dev.sparky.project.ProjectDefinition;
import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Values of password-type parameters ({@code vars} with {@code type: password}) never reach the database: the
 * builds row keeps {@value #MASK}, and the real value waits here, in memory, until the build ends, to be put
 * into each attempt's RunBuild. After a dispatcher restart a waiting build gets the var's default instead
 * (documented in docs/security.md); so does a rebuild, which sees only the mask. Engine thread only.
 */
final class SecretParams {
    static final String MASK = "*****";

    private final Map<Long, Map<String, String>> held = new HashMap<>();

    static Set<String> passwordVars(ProjectDefinition def) {
        return def.vars().stream()
                .filter(v -> "password".equals(v.type()))
                .map(VarSpec::name)
                .collect(Collectors.toSet());
    }

    /** The parameters as stored: every password var's value replaced by the mask. */
    static Map<String, String> masked(ProjectDefinition def, Map<String, String> params) {
        Set<String> secret = passwordVars(def);
        Map<String, String> out = new LinkedHashMap<>(params);
        out.replaceAll((k, v) -> secret.contains(k) && v != null && !v.isEmpty() ? MASK : v);
        return out;
    }

    /** Keeps the real values of the build's password parameters until {@link #forget}. */
    void hold(long buildId, ProjectDefinition def, Map<String, String> params) {
        Set<String> secret = passwordVars(def);
        Map<String, String> values = new HashMap<>();
        params.forEach((k, v) -> {
            if (secret.contains(k)) {
                values.put(k, v);
            }
        });
        if (values.isEmpty()) {
            held.remove(buildId);
        } else {
            held.put(buildId, Map.copyOf(values));
        }
    }

    /** The parameters for the runner: masked values back to the real ones, or to the var's default when lost. */
    Map<String, String> unmasked(long buildId, ProjectDefinition def, Map<String, String> stored) {
        Map<String, String> real = held.getOrDefault(buildId, Map.of());
        Map<String, String> defaults = new HashMap<>();
        def.vars().forEach(v -> defaults.put(v.name(), v.defaultValue() == null ? "" : v.defaultValue()));
        Map<String, String> out = new LinkedHashMap<>(stored);
        out.replaceAll((k, v) -> MASK.equals(v) ? real.getOrDefault(k, defaults.getOrDefault(k, "")) : v);
        return out;
    }

    void forget(long buildId) {
        held.remove(buildId);
    }

    int size() {
        return held.size();
    }
}
