package dev.sparky.ui.web;

import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One field of a project's parameter form, ready for the template: which control, its value, and for a
 * select which options start selected.
 *
 * @param type input, password, textarea, select or checkbox
 */
public record FormField(
        String name, String type, String value, List<Option> options, boolean multiple, boolean checked) {

    /** A choice of a select. */
    public record Option(String value, boolean selected) {}

    /** The fields of the given group (every field when {@code group} is null), in file order. */
    public static List<FormField> of(List<VarSpec> vars, String group) {
        return vars.stream()
                .filter(v -> group == null || v.groups().contains(group))
                .map(FormField::of)
                .toList();
    }

    static FormField of(VarSpec v) {
        String def = v.defaultValue() == null ? "" : v.defaultValue();
        // A password default is a secret: it stays out of the page; the dispatcher applies it when omitted.
        String shown = "password".equals(v.type()) ? "" : def;
        Set<String> chosen = Arrays.stream(def.split(",")).map(String::trim).collect(Collectors.toSet());
        List<Option> options =
                v.values().stream().map(o -> new Option(o, chosen.contains(o))).toList();
        boolean checked = "checkbox".equals(v.type())
                && (def.equalsIgnoreCase("true") || def.equalsIgnoreCase("yes") || def.equals("1"));
        return new FormField(v.name(), v.type(), shown, options, v.multiple(), checked);
    }

    public boolean isInput() {
        return "input".equals(type);
    }

    public boolean isPassword() {
        return "password".equals(type);
    }

    public boolean isTextarea() {
        return "textarea".equals(type);
    }

    public boolean isSelect() {
        return "select".equals(type);
    }

    public boolean isCheckbox() {
        return "checkbox".equals(type);
    }
}
