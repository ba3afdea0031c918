package dev.sparky.dispatcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.dispatcher.store.BuildsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** After a change only the changed builds' projects are read again; an unknown change reads them all. */
class ProjectStatusesCacheTest {
    private final BuildsVersion versions = new BuildsVersion();
    private final List<String> names = List.of("a", "b", "c");
    private final List<String> reads = new ArrayList<>();
    private int queued;

    private final ProjectStatusesCache.Source source = new ProjectStatusesCache.Source() {
        @Override
        public List<ProjectStatus> all(List<String> projects) {
            reads.add("all");
            return projects.stream()
                    .map(p -> new ProjectStatus(p, null, 0, queued))
                    .toList();
        }

        @Override
        public List<ProjectStatus> of(Set<String> projects) {
            reads.add("of " + projects);
            return projects.stream()
                    .map(p -> new ProjectStatus(p, null, 0, queued))
                    .toList();
        }

        @Override
        public Set<String> projectsOf(Set<Long> buildIds) {
            return buildIds.contains(7L) ? Set.of("b") : Set.of();
        }
    };
    private final ProjectStatusesCache cache = new ProjectStatusesCache(versions);

    @Test
    void onlyTheProjectsOfTheChangedBuildsAreReadAgain() {
        assertEquals(List.of(0, 0, 0), queuedOf(cache.statuses(versions.current(), names, source)));
        assertEquals(List.of(0, 0, 0), queuedOf(cache.statuses(versions.current(), names, source)));
        queued = 1;
        versions.committed(Set.of(7L));
        assertEquals(
                List.of(0, 1, 0),
                queuedOf(cache.statuses(versions.current(), names, source)),
                "b re-read, a and c kept");
        assertEquals(List.of("all", "of [b]"), reads, "nothing read while the version stood still");
        versions.committed(null);
        assertEquals(List.of(1, 1, 1), queuedOf(cache.statuses(versions.current(), names, source)));
        assertEquals("all", reads.get(reads.size() - 1), "a change that cannot be told: everything again");
    }

    private static List<Integer> queuedOf(List<ProjectStatus> statuses) {
        return statuses.stream().map(ProjectStatus::queued).toList();
    }
}
