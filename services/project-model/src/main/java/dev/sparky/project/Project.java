package dev.sparky.project;

import java.nio.file.Path;
import java.util.List;

/**
 * A project folder as found on disk. A broken project is still a project: it has a definition of defaults,
 * its issues, and is shown with them; only {@link #buildable()} is false.
 *
 * @param yamlText the raw {@code sparky.yaml} (empty when missing), shown on the project page
 */
public record Project(String name, Path dir, ProjectDefinition definition, List<ProjectIssue> issues, String yamlText) {

    public Project {
        issues = List.copyOf(issues);
    }

    public boolean buildable() {
        return issues.stream().noneMatch(i -> i.severity() == ProjectIssue.Severity.ERROR);
    }

    public List<ProjectIssue> errors() {
        return issues.stream()
                .filter(i -> i.severity() == ProjectIssue.Severity.ERROR)
                .toList();
    }

    public Path scriptPath() {
        return dir.resolve(definition.script());
    }
}
