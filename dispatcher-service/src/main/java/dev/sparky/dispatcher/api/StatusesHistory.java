package dev.sparky.dispatcher.api;

import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The last few lists of project statuses answered, by tag, so that a client holding one of them (the UI) can be
 * sent only what changed since. A handful is enough: a client asks again within a second or two, and one that
 * is further behind gets the whole list.
 */
@Singleton
public class StatusesHistory {
    static final int KEPT = 8;

    private final Map<String, List<ProjectStatus>> byTag = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ProjectStatus>> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void remember(String tag, List<ProjectStatus> statuses) {
        byTag.put(tag, statuses);
    }

    /** What changed from the list answered under {@code since} to {@code now}; empty when that list is gone. */
    synchronized Optional<ProjectStatusesDelta> since(String since, List<ProjectStatus> now) {
        List<ProjectStatus> before = since == null ? null : byTag.get(since);
        if (before == null) {
            return Optional.empty();
        }
        return Optional.of(delta(since, before, now));
    }

    static ProjectStatusesDelta delta(String since, List<ProjectStatus> before, List<ProjectStatus> now) {
        Map<String, ProjectStatus> old =
                before.stream().collect(Collectors.toMap(ProjectStatus::project, Function.identity(), (a, b) -> b));
        List<ProjectStatus> changed = new ArrayList<>();
        for (ProjectStatus s : now) {
            if (!s.equals(old.remove(s.project()))) {
                changed.add(s);
            }
        }
        return new ProjectStatusesDelta(since, changed, List.copyOf(old.keySet()));
    }
}
