package dev.sparky.ui.api;

import dev.sparky.project.ProjectIssue;
import java.util.Locale;

/** A problem in a project folder: severity (error, warning), file, line (0 when unknown), message. */
public record IssueView(String severity, String file, int line, String message) {
    static IssueView of(ProjectIssue i) {
        return new IssueView(i.severity().name().toLowerCase(Locale.ROOT), i.file(), i.line(), i.message());
    }
}
