package dev.sparky.project;

import dev.sparky.contracts.Names;
import dev.sparky.project.yaml.YamlException;
import dev.sparky.project.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one project folder into a {@link Project}. Never throws for bad content: every problem becomes a
 * {@link ProjectIssue} naming the file, the line and what to change.
 */
public final class ProjectLoader {
    public static final String YAML_FILE = "sparky.yaml";
    /** sparky.yaml files above this size are refused; a project definition is a few hundred bytes. */
    static final long MAX_YAML_BYTES = 1024 * 1024;
    /** {@link DefinitionReader} walks the nodes itself, to keep the line of every value it checks. */
    private static final YamlReader YAML = YamlReader.STRICT;

    private ProjectLoader() {}

    /** @param dir the project folder; its name must already be a valid project name */
    public static Project load(Path dir) {
        return load(dir, TemplateVars.NONE);
    }

    /** As {@link #load(Path)}, filling {@code %name%} in vars and tags from Sparky's template variables. */
    public static Project load(Path dir, TemplateVars templates) {
        String name = dir.getFileName().toString();
        Names.requireProject(name);
        String label = "projects/" + name + "/" + YAML_FILE;
        Path yamlPath = dir.resolve(YAML_FILE);
        List<ProjectIssue> issues = new ArrayList<>();
        ProjectDefinition definition = ProjectDefinition.defaults().withScript(null);
        String text = "";
        if (!Files.isRegularFile(yamlPath)) {
            issues.add(ProjectIssue.warning(label, 0, "no sparky.yaml: the project runs with every default"));
        } else {
            try {
                if (Files.size(yamlPath) > MAX_YAML_BYTES) {
                    issues.add(
                            ProjectIssue.error(label, 0, "file is larger than 1 MiB; a project definition is small"));
                } else {
                    text = Files.readString(yamlPath, StandardCharsets.UTF_8);
                    definition = read(text, label, issues, templates);
                }
            } catch (IOException e) {
                issues.add(ProjectIssue.error(label, 0, "cannot read: " + e.getMessage()));
            }
        }
        boolean named = definition.script() != null;
        definition = definition.withScript(scriptOf(dir, definition));
        checkScript(dir, name, definition, named, issues);
        return new Project(name, dir, definition, issues, text);
    }

    /**
     * Parses the text of a sparky.yaml, adding issues to {@code issues}; returns defaults for what is broken
     * (the script, when the file names none, is job.sh: only {@link #load} looks for a sparrowfile).
     */
    public static ProjectDefinition parse(String text, String label, List<ProjectIssue> issues) {
        ProjectDefinition definition = read(text, label, issues, TemplateVars.NONE);
        return definition.script() == null ? definition.withScript(ProjectDefinition.DEFAULT_SCRIPT) : definition;
    }

    /** {@link #parse}, with a null script when the file names none. */
    private static ProjectDefinition read(
            String text, String label, List<ProjectIssue> issues, TemplateVars templates) {
        Node root;
        try {
            root = YAML.compose(text, label);
        } catch (YamlException e) {
            issues.add(ProjectIssue.error(label, e.at().line(), e.problem()));
            return ProjectDefinition.defaults();
        }
        if (root == null) {
            return ProjectDefinition.defaults().withScript(null);
        }
        if (!(root instanceof MappingNode mapping)) {
            issues.add(ProjectIssue.error(
                    label,
                    root.getStartMark().getLine() + 1,
                    "the file must be a mapping of keys (allow_manual_run: true, ...), not a " + root.getNodeId()));
            return ProjectDefinition.defaults();
        }
        DefinitionReader reader = new DefinitionReader(label, issues, templates);
        ProjectDefinition definition = reader.read(mapping);
        return reader.scriptGiven() ? definition : definition.withScript(null);
    }

    /**
     * The scenario a folder runs when sparky.yaml names none: {@code job.sh}, else a Sparky {@code sparrowfile};
     * a folder with both runs job.sh.
     */
    private static String scriptOf(Path dir, ProjectDefinition definition) {
        if (definition.script() != null) {
            return definition.script();
        }
        if (!Files.isRegularFile(dir.resolve(ProjectDefinition.DEFAULT_SCRIPT))
                && Files.isRegularFile(dir.resolve(ProjectDefinition.SPARROWFILE))) {
            return ProjectDefinition.SPARROWFILE;
        }
        return ProjectDefinition.DEFAULT_SCRIPT;
    }

    private static void checkScript(
            Path dir, String name, ProjectDefinition definition, boolean named, List<ProjectIssue> issues) {
        String script = definition.script();
        if (!Names.isValidJobId(script)) {
            return; // DefinitionReader already reported the bad script name
        }
        Path scriptPath = dir.resolve(script);
        if (!Files.isRegularFile(scriptPath)) {
            issues.add(ProjectIssue.error(
                    "projects/" + name + "/" + script,
                    0,
                    "job script is missing: create " + script
                            + (named
                                    ? " (named by script: in sparky.yaml)"
                                    : " (or a Sparky sparrowfile, or set script: in sparky.yaml)")));
        }
    }
}
