package dev.sparky.scheduler.scm;

import dev.sparky.project.Project;

/** Told of commits queued by other means (a push webhook), so polling does not take them for new ones. */
public interface CommitMemory {

    /** The build of {@code sha} for the project's remote is queued. */
    void queued(Project project, String sha);
}
