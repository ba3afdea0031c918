package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.JobIdPrefixes;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.project.ProjectDefinition;
import dev.sparky.project.ProjectDefinition.DownstreamOn;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Queues the project's {@code downstream} projects when a build ends: after a success, or after any end but
 * a cancel with {@code downstream_on: any} (a cancelled build was stopped on purpose; chaining work after it
 * would surprise). The requests go through the outbox to the requests topic like any other, with the job id
 * {@code after-<build id>}: applied twice, sent twice, it still makes one build.
 */
final class Downstream {
    static final String SOURCE = "downstream";

    private final Effects fx;

    Downstream(Effects fx) {
        this.fx = fx;
    }

    void buildEnded(BuildRow b, BuildState state, ProjectDefinition def) {
        if (def.downstream().isEmpty() || !fires(def.downstreamOn(), state)) {
            return;
        }
        String jobId = JobIdPrefixes.DOWNSTREAM + b.id();
        String upstream = b.project() + "@" + b.id();
        for (String project : new LinkedHashSet<>(def.downstream())) {
            fx.buildRequest(new BuildRequest(
                    SchemaVersion.CURRENT,
                    project,
                    jobId,
                    "triggered by " + upstream,
                    Map.of(),
                    upstream,
                    SOURCE,
                    b.id()));
            fx.syslog(b.id(), "queued downstream " + project + " (job " + jobId + ")");
        }
    }

    static boolean fires(DownstreamOn on, BuildState state) {
        return state == BuildState.SUCCEEDED || on == DownstreamOn.ANY && state != BuildState.CANCELLED;
    }
}
