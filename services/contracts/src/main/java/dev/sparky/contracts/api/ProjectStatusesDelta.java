package dev.sparky.contracts.api;

import java.util.List;

/**
 * What changed in every project's status since an earlier answer of the dispatcher's internal API (the one
 * tagged {@code since}): the statuses that differ or are new, and the projects that are gone. Applied to that
 * earlier list it gives the current one; a dashboard of a thousand projects then moves a few entries, not all.
 */
public record ProjectStatusesDelta(String since, List<ProjectStatus> changed, List<String> removed) {}
