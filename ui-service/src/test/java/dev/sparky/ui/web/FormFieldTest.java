package dev.sparky.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameter form built from sparky.yaml vars. */
class FormFieldTest {
    final List<VarSpec> vars = List.of(
            new VarSpec("NAME", "input", "world", List.of(), false, List.of("main")),
            new VarSpec("color", "select", "red,blue", List.of("red", "green", "blue"), true, List.of("main")),
            new VarSpec("token", "password", "s3cret", List.of(), false, List.of("main")),
            new VarSpec("verbose", "checkbox", "true", List.of(), false, List.of("extra")));

    @Test
    void groupSelectsItsFields() {
        assertEquals(
                List.of("NAME", "color", "token"),
                FormField.of(vars, "main").stream().map(FormField::name).toList());
        assertEquals(
                List.of("verbose"),
                FormField.of(vars, "extra").stream().map(FormField::name).toList());
        assertEquals(4, FormField.of(vars, null).size());
    }

    @Test
    void selectDefaultsAreSelectedAndCheckboxChecked() {
        FormField color = FormField.of(vars, null).get(1);
        assertEquals(
                List.of(true, false, true),
                color.options().stream().map(FormField.Option::selected).toList());
        assertTrue(FormField.of(vars, null).get(3).checked());
    }

    @Test
    void passwordDefaultNeverReachesThePage() {
        assertEquals("", FormField.of(vars, null).get(2).value());
    }
}
