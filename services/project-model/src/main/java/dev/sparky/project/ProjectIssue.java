package dev.sparky.project;

/**
 * Something wrong in a project folder, said so a person can fix it: the file, the line (0 when unknown)
 * and what to change.
 */
public record ProjectIssue(Severity severity, String file, int line, String message) {

    /** An error makes the project unbuildable until fixed; a warning does not. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public static ProjectIssue error(String file, int line, String message) {
        return new ProjectIssue(Severity.ERROR, file, line, message);
    }

    public static ProjectIssue warning(String file, int line, String message) {
        return new ProjectIssue(Severity.WARNING, file, line, message);
    }

    /** "projects/hello/sparky.yaml line 4: timeout: ..." */
    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
