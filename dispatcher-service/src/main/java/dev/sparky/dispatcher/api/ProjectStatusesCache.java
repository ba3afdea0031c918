package dev.sparky.dispatcher.api;

import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.dispatcher.store.BuildsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The project statuses last answered, kept with the builds version and the folder names they were read at.
 * When builds changed since, only the projects of those builds are read again (a few indexed lookups) instead of
 * every project's (1,000 projects: one join, 1,000 views and a count over the active builds, on every request
 * after a change); when the version cannot say which builds changed, or the project folders changed, all are
 * read again.
 */
final class ProjectStatusesCache {
    private record Held(long version, List<String> names, List<ProjectStatus> statuses) {}

    /** How to read statuses: all of the named projects, or some of them. */
    interface Source {
        List<ProjectStatus> all(List<String> names);

        List<ProjectStatus> of(Set<String> projects);

        Set<String> projectsOf(Set<Long> buildIds);
    }

    private final BuildsVersion versions;
    private Held held;

    ProjectStatusesCache(BuildsVersion versions) {
        this.versions = versions;
    }

    /** @param version read before {@code names} and before any row: newer rows only make the answer stale */
    synchronized List<ProjectStatus> statuses(long version, List<String> names, Source source) {
        Held h = held;
        if (h != null && h.names() == names) {
            if (h.version() == version) {
                return h.statuses();
            }
            Optional<Set<Long>> changed = versions.changedBetween(h.version(), version);
            if (changed.isPresent()) {
                List<ProjectStatus> statuses = patched(h.statuses(), source.of(source.projectsOf(changed.get())));
                held = new Held(version, names, statuses);
                return statuses;
            }
        }
        List<ProjectStatus> statuses = source.all(names);
        held = new Held(version, names, statuses);
        return statuses;
    }

    /** The held list with the re-read projects in place (only projects it holds: the names did not change). */
    private static List<ProjectStatus> patched(List<ProjectStatus> held, List<ProjectStatus> fresh) {
        if (fresh.isEmpty()) {
            return held;
        }
        Map<String, ProjectStatus> byName = new TreeMap<>();
        fresh.forEach(s -> byName.put(s.project(), s));
        List<ProjectStatus> out = new ArrayList<>(held.size());
        for (ProjectStatus s : held) {
            out.add(byName.getOrDefault(s.project(), s));
        }
        return List.copyOf(out);
    }
}
