package dev.sparky.dispatcher.importer;

import dev.sparky.contracts.Names;
import dev.sparky.project.Project;
import dev.sparky.project.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sparky's project folders, copied as they are into the projects folder here. First {@link #plan} checks all of
 * them (a link that leads out of its project stops the import before anything is copied); {@link #stage} copies
 * them beside their destination, and {@link #commit} moves them in once the history is recorded.
 */
public final class ProjectImport {
    /** Sparky's own folders inside the projects folder, and hidden ones (.git): not projects. */
    private static final Set<String> NOT_PROJECTS = Set.of(".reports", ".git");
    /**
     * Left out of the copy: the Job API's stashes, files and spawned scenarios belong to Sparky's builds, not to
     * the project; pending trigger files too unless asked for, since they start builds as soon as the scheduler
     * sees them.
     */
    private static final Set<String> JOB_DATA = Set.of(".stash", ".files", ".cache");

    private static final String TRIGGERS = ".triggers";

    /** One project to bring over. */
    public record Planned(String name, Path source, Path target, boolean replace) {
        Path staging() {
            return target.resolveSibling(".import-" + name + ".tmp");
        }
    }

    private final Path targetProjects;
    private final boolean force;
    private final Set<String> leftOut;
    private final ImportReport report;

    /** @param withTriggers copy Sparky's pending trigger files too: they run here as they would have there */
    public ProjectImport(Path targetProjects, boolean force, boolean withTriggers, ImportReport report) {
        this.targetProjects = targetProjects;
        this.force = force;
        this.leftOut = withTriggers ? JOB_DATA : union(JOB_DATA, TRIGGERS);
        this.report = report;
    }

    private static Set<String> union(Set<String> set, String one) {
        Set<String> all = new java.util.HashSet<>(set);
        all.add(one);
        return Set.copyOf(all);
    }

    public List<Planned> plan(Path sparkyProjects) {
        List<Planned> planned = new ArrayList<>();
        for (Path dir : list(sparkyProjects)) {
            String name = dir.getFileName().toString();
            if (NOT_PROJECTS.contains(name)
                    || name.startsWith(".")
                    || Files.isRegularFile(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.isSymbolicLink(dir)) {
                throw new ImportException("projects/" + name + " is a symbolic link (to " + linkTarget(dir) + "): a "
                        + "project is copied as a folder, and a link could carry anything of this machine in. Replace "
                        + "the link by a copy of the folder, or remove it. Nothing was imported");
            }
            if (!Files.isRegularFile(dir.resolve("sparrowfile")) && !Files.isRegularFile(dir.resolve("sparky.yaml"))) {
                report.note("projects/" + name + ": no sparrowfile and no sparky.yaml, not a Sparky project: left out");
                continue;
            }
            if (!Names.isValidProject(name)) {
                report.note("projects/" + name + ": the name does not match " + Names.PROJECT.pattern()
                        + ": left out, with its builds; rename the folder and import again");
                continue;
            }
            checkLinks(dir, name);
            noteLeftOut(dir, name);
            Path target = targetProjects.resolve(name);
            boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (exists && !force) {
                report.note("projects/" + name + " is here already: kept as it is (--force replaces it)");
                continue;
            }
            planned.add(new Planned(name, dir, target, exists));
        }
        return planned;
    }

    /** Copies each planned project next to its destination; nothing is visible in the projects folder yet. */
    public void stage(List<Planned> planned) {
        try {
            Files.createDirectories(targetProjects);
            for (Planned p : planned) {
                deleteTree(p.staging());
                copy(p.source(), p.staging());
            }
        } catch (IOException e) {
            discard(planned);
            throw new UncheckedIOException("cannot copy the projects into " + targetProjects, e);
        }
    }

    /** Removes the staged copies (the import failed). */
    public void discard(List<Planned> planned) {
        for (Planned p : planned) {
            try {
                deleteTree(p.staging());
            } catch (IOException ignored) {
                // a leftover .import-*.tmp folder is hidden and harmless; the next import replaces it
            }
        }
    }

    /** Moves the staged copies in and checks each with the project loader: problems are listed, not fatal. */
    public void commit(List<Planned> planned) {
        for (Planned p : planned) {
            try {
                if (p.replace()) {
                    deleteTree(p.target());
                }
                Files.move(p.staging(), p.target(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + p.staging() + " to " + p.target(), e);
            }
            Project project = ProjectLoader.load(p.target());
            report.step("  project " + p.name() + (p.replace() ? " (replaced)" : "") + ": "
                    + (project.issues().isEmpty() ? "ok" : project.issues().size() + " problem(s)"));
            project.issues()
                    .forEach(i -> report.note(i.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + i));
        }
    }

    /** Links inside a project may point within it only; what they point to is copied, never the link. */
    private static void checkLinks(Path dir, String name) {
        Path root = realPath(dir);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isSymbolicLink(f)) {
                    continue;
                }
                String where = "projects/" + name + "/" + dir.relativize(f);
                Path real;
                try {
                    real = f.toRealPath();
                } catch (IOException e) {
                    throw new ImportException(where + " is a broken symbolic link: remove it. Nothing was imported");
                }
                if (!real.startsWith(root) || Files.isDirectory(real)) {
                    throw new ImportException(where + " is a symbolic link to " + real
                            + (real.startsWith(root)
                                    ? ", a folder: replace the link by the folder"
                                    : ", outside the project: replace the link by the file it points to, or remove it")
                            + ". Nothing was imported");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private void noteLeftOut(Path dir, String name) {
        for (String left : leftOut) {
            Path sub = dir.resolve(left);
            if (Files.isDirectory(sub) && !list(sub).isEmpty()) {
                report.note("projects/" + name + "/" + left + " not copied ("
                        + (left.equals(TRIGGERS)
                                ? "pending Sparky triggers: --with-triggers copies them and they "
                                        + "run here, see docs/triggers.md)"
                                : "Sparky's Job API data of its builds)"));
            }
        }
    }

    private void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(src);
                if (rel.getNameCount() > 0 && leftOut.contains(rel.getName(0).toString())) {
                    continue;
                }
                Path dst = to.resolve(rel.toString());
                if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    // A link was checked to lead to a file inside the project: its content is copied.
                    Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Removes a folder and what is in it, links included but never followed. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + p, e);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
