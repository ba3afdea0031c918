package dev.sparky.project;

import dev.sparky.contracts.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The projects under {@code SPARKY_HOME/projects}. Reads each folder on demand and re-reads a project when
 * its sparky.yaml or script changed, so editing a project takes effect without a restart. Folders whose
 * names are not valid project names are skipped (they could never be addressed safely).
 */
public final class ProjectCatalog {
    private record Cached(FileTime yamlTime, FileTime scriptTime, Project project) {
    }

    private final Path root;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public ProjectCatalog(Path projectsRoot) {
        this.root = projectsRoot;
    }

    public Path root() {
        return root;
    }

    /** Every project folder, sorted by name. */
    public List<Project> list() {
        List<Project> out = new ArrayList<>();
        names().forEach(n -> find(n).ifPresent(out::add));
        return out;
    }

    /**
     * The names of the project folders, sorted, without reading any {@code sparky.yaml}: one directory listing,
     * for callers that need no more (the dispatcher's project statuses).
     */
    public List<String> names() {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && Names.isValidProject(n))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * @throws dev.sparky.contracts.InvalidNameException for a name outside the SPEC pattern, before any disk access
     */
    public Optional<Project> find(String name) {
        Names.requireProject(name);
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            cache.remove(name);
            return Optional.empty();
        }
        FileTime yamlTime = mtime(dir.resolve(ProjectLoader.YAML_FILE));
        Cached c = cache.get(name);
        if (c != null && yamlTime.equals(c.yamlTime())
                && mtime(c.project().scriptPath()).equals(c.scriptTime())) {
            return Optional.of(c.project());
        }
        Project p = ProjectLoader.load(dir);
        cache.put(name, new Cached(yamlTime, mtime(p.scriptPath()), p));
        return Optional.of(p);
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
