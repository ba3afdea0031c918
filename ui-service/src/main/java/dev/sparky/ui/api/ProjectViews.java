package dev.sparky.ui.api;

import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.project.Project;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Joins what the disk says of projects with what the dispatcher says of their builds. */
public final class ProjectViews {
    private ProjectViews() {
    }

    public static ProjectView of(Project p, ProjectStatus status) {
        var d = p.definition();
        return new ProjectView(p.name(), p.buildable(), p.issues().stream().map(IssueView::of).toList(),
                d.allowManualRun(), d.disabled(), d.crontab(),
                status == null ? null : status.lastBuild(),
                status == null ? 0 : status.running(),
                status == null ? 0 : status.queued());
    }

    public static List<ProjectView> list(List<Project> projects, List<ProjectStatus> statuses) {
        Map<String, ProjectStatus> byName = statuses.stream()
                .collect(Collectors.toMap(ProjectStatus::project, Function.identity(), (a, b) -> a));
        return projects.stream().map(p -> of(p, byName.get(p.name()))).toList();
    }

    public static ProjectDetailView detail(Project p, ProjectStatus status) {
        var d = p.definition();
        return new ProjectDetailView(of(p, status), d.vars(), d.groupVars(), p.yamlText());
    }
}
