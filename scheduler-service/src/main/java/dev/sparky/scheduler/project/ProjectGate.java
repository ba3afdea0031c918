package dev.sparky.scheduler.project;

import dev.sparky.project.Project;
import dev.sparky.project.ProjectIssue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Decides whether cron and SCM may fire for a project: not when it is disabled, not while its sparky.yaml
 * has errors. Says why in the log once per change of the reason, not on every pass.
 */
public final class ProjectGate {
    private static final Logger LOG = Logger.getLogger(ProjectGate.class);

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    /** True when time- and commit-based triggers may fire for the project. */
    public boolean scheduled(Project project) {
        String reason = reason(project);
        String before = reason == null ? reasons.remove(project.name()) : reasons.put(project.name(), reason);
        if (reason != null && !reason.equals(before)) {
            LOG.infof("project %s: cron and scm paused: %s", project.name(), reason);
        } else if (reason == null && before != null) {
            LOG.infof("project %s: cron and scm active again", project.name());
        }
        return reason == null;
    }

    /** Logs once per project that a reason (a bad crontab, say) stops one trigger; null clears it. */
    public void note(String project, String key, String reason) {
        String id = project + "\u0000" + key;
        String before = reason == null ? reasons.remove(id) : reasons.put(id, reason);
        if (reason != null && !reason.equals(before)) {
            LOG.warnf("project %s: %s", project, reason);
        }
    }

    private static String reason(Project project) {
        if (project.definition().disabled()) {
            return "the project is disabled (disabled: true in sparky.yaml)";
        }
        if (!project.buildable()) {
            return "sparky.yaml has errors: "
                    + project.errors().stream().map(ProjectIssue::toString).collect(Collectors.joining("; "));
        }
        return null;
    }
}
