package dev.sparky.ui.dispatcher;

import dev.sparky.contracts.BuildState;

/** Filters and paging of a build list; null means "any" (limit: the dispatcher's default). */
public record BuildQuery(String project, BuildState state, Long before, Integer limit) {
    public static BuildQuery recent(Integer limit) {
        return new BuildQuery(null, null, null, limit);
    }

    public static BuildQuery ofProject(String project, Long before, Integer limit) {
        return new BuildQuery(project, null, before, limit);
    }
}
