package dev.sparky.project;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Sparky's template variables: {@code templates/vars.yaml} in the Sparky home ({@code vars: {name: value}}), or
 * {@code templates/hosts/<host>/vars.yaml} when that file exists (the host's file replaces the shared one, as in
 * Sparky). {@code %name%} and {@code %a.b.c%} (a dotted path into nested mappings) in a var's
 * {@code default}/{@code value}/{@code values} and in {@code tags} are replaced by their values.
 */
public final class TemplateVars {
    public static final TemplateVars NONE = new TemplateVars(Map.of(), "templates/vars.yaml");
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*)%");
    static final long MAX_BYTES = 1024 * 1024;

    private final Map<String, Object> vars;
    private final String label;

    TemplateVars(Map<String, Object> vars, String label) {
        this.vars = vars;
        this.label = label;
    }

    /**
     * The file for this host under {@code home/templates}, else the shared one, else {@link #NONE}. A broken file
     * is reported in {@code problems} (its path and what is wrong) and counts as empty.
     */
    public static TemplateVars read(Path home, String host, List<String> problems) {
        Path shared = home.resolve("templates/vars.yaml");
        Path hostFile = host == null || host.isBlank() || !host.matches("[A-Za-z0-9._-]+") || host.startsWith(".")
                ? null
                : home.resolve("templates/hosts").resolve(host).resolve("vars.yaml");
        Path file = hostFile != null && Files.isRegularFile(hostFile) ? hostFile : shared;
        String label = home.relativize(file).toString();
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                problems.add(label + ": larger than 1 MiB; template variables are ignored");
                return new TemplateVars(Map.of(), label);
            }
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            Object root;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                root = new Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options)).load(in);
            }
            if (root == null) {
                return new TemplateVars(Map.of(), label);
            }
            if (!(root instanceof Map<?, ?> m) || !(m.get("vars") instanceof Map<?, ?> v)) {
                problems.add(
                        label + ": expected 'vars:' with a mapping of name: value; template variables are ignored");
                return new TemplateVars(Map.of(), label);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) v;
            return new TemplateVars(values, label);
        } catch (IOException | RuntimeException e) {
            problems.add(label + ": cannot be read (" + e.getMessage() + "); template variables are ignored");
            return new TemplateVars(Map.of(), label);
        }
    }

    /** Where the variables came from, for messages ({@code templates/vars.yaml}). */
    public String label() {
        return label;
    }

    /** The value at a dotted path, if every step is a mapping that has it. */
    public Optional<Object> lookup(String dotted) {
        Object at = vars;
        for (String step : dotted.split("\\.")) {
            if (!(at instanceof Map<?, ?> m) || !m.containsKey(step)) {
                return Optional.empty();
            }
            at = m.get(step);
        }
        return Optional.ofNullable(at);
    }

    /**
     * A text with its placeholders filled.
     *
     * @param text the text, every defined scalar placeholder replaced (undefined ones are left as written)
     * @param list the values when the whole text is one placeholder naming a list (Sparky: sorted), else null
     * @param missing the names that are not defined (or name a mapping)
     */
    public record Filled(String text, List<String> list, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    public Filled fill(String text) {
        if (text == null || text.indexOf('%') < 0) {
            return new Filled(text, null, List.of());
        }
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            Optional<Object> value = lookup(whole.group(1));
            if (value.isPresent() && value.get() instanceof List<?> l) {
                List<String> sorted = l.stream().map(String::valueOf).sorted().toList();
                return new Filled(String.join(",", sorted), sorted, List.of());
            }
        }
        List<String> missing = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            Optional<Object> value = lookup(m.group(1));
            String replacement;
            if (value.isEmpty() || value.get() instanceof Map<?, ?> || value.get() instanceof List<?>) {
                missing.add(m.group(1));
                replacement = m.group();
            } else {
                replacement = String.valueOf(value.get());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Filled(out.toString(), null, List.copyOf(missing));
    }
}
