package dev.sparky.project;

import dev.sparky.contracts.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
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
 *
 * <p>One project ({@link #find}) is checked on every call: three file times. The whole list is the costly
 * case (four file-system calls per project: about 6 ms for 1,000 projects, on every dashboard request), so:
 * the folder names are listed again only when the projects folder's change time moved (a folder added,
 * removed or renamed), and the full list checks every project's files again at most once per
 * {@link #LIST_RECHECK}. An edited sparky.yaml shows in the list within that second; a project added or
 * removed shows at once. A listing made within {@link #RACY} of the folder's change time is listed again on the
 * next call: a second change within one tick of a coarse file system clock would not move the time.
 */
public final class ProjectCatalog {
    static final Duration LIST_RECHECK = Duration.ofSeconds(1);
    static final Duration RACY = Duration.ofSeconds(2);

    private record Cached(FileTime yamlTime, FileTime scriptTime, TemplateVars templates, Project project) {}

    /** The folder names as listed at {@code listedAt} (epoch ms), when the projects folder had this change time. */
    private record Listing(FileTime rootTime, long listedAt, List<String> names) {
        /** A change within the clock tick before the listing may hide another one of the same tick. */
        boolean trusted(FileTime now) {
            return rootTime.toMillis() > 0 && rootTime.equals(now) && listedAt - rootTime.toMillis() >= RACY.toMillis();
        }
    }

    /** The full list, made from {@code names} (the very list instance) at {@code checkedAt} (nanoTime). */
    private record Snapshot(List<String> names, long checkedAt, List<Project> projects) {}

    private final Path root;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile Listing listing;
    private volatile Snapshot snapshot;

    private final TemplateFiles templates;

    /** Template variables from {@code templates/} next to the projects folder (the Sparky home), for this host. */
    public ProjectCatalog(Path projectsRoot) {
        this(projectsRoot, TemplateFiles.hostName());
    }

    /** @param host the host whose {@code templates/hosts/<host>/vars.yaml} replaces the shared file when present */
    public ProjectCatalog(Path projectsRoot, String host) {
        this.root = projectsRoot;
        Path home = projectsRoot.toAbsolutePath().getParent();
        this.templates = new TemplateFiles(home == null ? projectsRoot : home, host);
    }

    public Path root() {
        return root;
    }

    /** Every project folder, sorted by name; see the class comment for how fresh it is. */
    public List<Project> list() {
        List<String> names = names();
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && s.names() == names && now - s.checkedAt() < LIST_RECHECK.toNanos()) {
            return s.projects();
        }
        List<Project> out = new ArrayList<>();
        names.forEach(n -> find(n).ifPresent(out::add));
        List<Project> projects = List.copyOf(out);
        snapshot = new Snapshot(names, now, projects);
        return projects;
    }

    /**
     * The names of the project folders, sorted, without reading any {@code sparky.yaml}: listed again only when
     * the projects folder changed, for callers that need no more (the dispatcher's project statuses).
     */
    public List<String> names() {
        long listedAt = System.currentTimeMillis();
        FileTime rootTime = mtime(root);
        Listing l = listing;
        if (l != null && l.trusted(rootTime)) {
            return l.names();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            List<String> names = dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && Names.isValidProject(n))
                    .sorted(Comparator.naturalOrder())
                    .toList();
            listing = new Listing(rootTime, listedAt, names);
            return names;
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // not kept: the next call lists again
        }
    }

    /**
     * @throws dev.sparky.contracts.InvalidNameException for a name that is not a valid project name
     *         ({@link dev.sparky.contracts.Names}), before any disk access
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
        TemplateVars vars = templates.current();
        if (c != null
                && yamlTime.equals(c.yamlTime())
                && c.templates() == vars
                && mtime(c.project().scriptPath()).equals(c.scriptTime())) {
            return Optional.of(c.project());
        }
        Project p = ProjectLoader.load(dir, vars);
        cache.put(name, new Cached(yamlTime, mtime(p.scriptPath()), vars, p));
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
