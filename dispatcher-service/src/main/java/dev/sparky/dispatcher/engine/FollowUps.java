package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectCatalog;
import dev.sparky.project.ProjectDefinition;

/**
 * What a build's end sets off, per the project's sparky.yaml as it is now: downstream builds, notify hooks,
 * then retention (last, since it may remove the very build that just ended when newer ones ended before it).
 * A vanished or broken project has the default definition: none of the three.
 */
final class FollowUps {
    private final ProjectCatalog catalog;
    private final Downstream downstream;
    private final NotifyRecorder notify;
    private final Retention retention;

    FollowUps(ProjectCatalog catalog, Downstream downstream, NotifyRecorder notify, Retention retention) {
        this.catalog = catalog;
        this.downstream = downstream;
        this.notify = notify;
        this.retention = retention;
    }

    void buildEnded(BuildRow b, BuildState state, String reason, Integer exitCode, long at) {
        ProjectDefinition def = catalog.find(b.project())
                .filter(Project::buildable)
                .map(Project::definition)
                .orElse(ProjectDefinition.defaults());
        downstream.buildEnded(b, state, def);
        notify.buildEnded(b, state, reason, exitCode, at, def);
        retention.buildEnded(b.project(), def);
    }
}
