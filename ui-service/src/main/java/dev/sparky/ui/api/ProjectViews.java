package dev.sparky.ui.api;

import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectDefinition.VarSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Joins what the disk says of projects with what the dispatcher says of their builds. */
public final class ProjectViews {
    private ProjectViews() {}

    public static ProjectView of(Project p, ProjectStatus status) {
        var d = p.definition();
        return new ProjectView(
                p.name(),
                p.buildable(),
                p.issues().stream().map(IssueView::of).toList(),
                d.allowManualRun(),
                d.disabled(),
                d.crontab(),
                status == null ? null : status.lastBuild(),
                status == null ? 0 : status.running(),
                status == null ? 0 : status.queued());
    }

    public static List<ProjectView> list(List<Project> projects, List<ProjectStatus> statuses) {
        Map<String, ProjectStatus> byName =
                statuses.stream().collect(Collectors.toMap(ProjectStatus::project, Function.identity(), (a, b) -> a));
        return projects.stream().map(p -> of(p, byName.get(p.name()))).toList();
    }

    /** Readers, anonymous or not, never see what the file holds in secret (see {@link YamlRedactor}). */
    public static ProjectDetailView detail(Project p, ProjectStatus status) {
        var d = p.definition();
        return new ProjectDetailView(
                of(p, status),
                d.vars().stream().map(ProjectViews::withoutPasswordDefault).toList(),
                d.groupVars(),
                YamlRedactor.redact(p.yamlText()));
    }

    /** A password's default stays in the file: an empty password field sends nothing and the default applies. */
    static VarSpec withoutPasswordDefault(VarSpec v) {
        return "password".equalsIgnoreCase(v.type()) && v.defaultValue() != null
                ? new VarSpec(v.name(), v.type(), null, v.values(), v.multiple(), v.groups())
                : v;
    }
}
