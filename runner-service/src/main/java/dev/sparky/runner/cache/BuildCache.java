package dev.sparky.runner.cache;

import dev.sparky.contracts.Names;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The project caches ({@code cache:} in sparky.yaml): each listed workspace path is kept as one gzip'd tar archive,
 * {@code <cache-dir>/<project>/<sha-256 of the path, 32 hex>/cache.tar.gz}, restored before a build and saved
 * after a successful one. A save writes a private temp file in the same folder, syncs it and renames it over the
 * archive: rename is atomic, so two runners saving the same project at once never mix their archives (the last
 * rename wins) and a reader, which opens the archive once, sees the old or the new one, whole. Nothing here fails
 * a build: a missing, unreadable or unsaveable cache is a line in the log.
 *
 * <p>A build reaches only its own project's caches: the project comes from the job record (checked against the
 * project name rule here too, so no name can lead to another folder), the path is hashed (it cannot name a
 * folder), and the folders are made mode 0700 by the runner, which opens the archives itself: a build running as
 * a separate build user can neither read nor write the cache folder.
 */
public final class BuildCache {
    private static final Logger LOG = Logger.getLogger(BuildCache.class);
    static final String ARCHIVE = "cache.tar.gz";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    /** A temp file this old was left by a runner that died while saving. */
    private static final Duration STALE_TEMP = Duration.ofHours(6);

    private final Path cacheDir;
    private final String runnerId;
    private final Duration tarTimeout;

    public BuildCache(Path cacheDir, String runnerId, Duration tarTimeout) {
        this.cacheDir = cacheDir.toAbsolutePath();
        this.runnerId = runnerId;
        this.tarTimeout = tarTimeout;
    }

    /** @param runAs command prefix that runs tar as the build user (empty: the runner's user) */
    public void restore(String project, List<String> paths, Path workspace, List<String> runAs, Consumer<String> say) {
        if (refused(project, paths, say)) {
            return;
        }
        for (String path : paths) {
            Path archive = archive(project, path);
            if (!Files.isRegularFile(archive)) {
                say.accept("cache: no cache for " + path + " yet");
                continue;
            }
            try {
                Tar.extract(archive, workspace, runAs, tarTimeout);
                long size = Trees.size(workspace.resolve(path));
                say.accept("cache: restored " + path + " (" + Trees.human(size) + ")");
            } catch (IOException e) {
                Trees.remove(workspace.resolve(path));
                say.accept("cache: " + path + " not restored: " + e.getMessage());
            }
        }
    }

    /** Called after a successful build only, when no process of the build runs any more. */
    public void save(String project, List<String> paths, Path workspace, List<String> runAs, Consumer<String> say) {
        if (refused(project, paths, say)) {
            return;
        }
        for (String path : paths) {
            String problem = unsaveable(workspace, path);
            if (problem != null) {
                say.accept("cache: " + path + " not saved: " + problem);
                continue;
            }
            try {
                long size = Trees.size(workspace.resolve(path));
                write(project, path, workspace, runAs);
                say.accept("cache: saved " + path + " (" + Trees.human(size) + ")");
            } catch (IOException e) {
                say.accept("cache: " + path + " not saved: " + e.getMessage());
            }
        }
    }

    /** A job record whose project name breaks the rule (the reader refuses those first) uses no cache at all. */
    private static boolean refused(String project, List<String> paths, Consumer<String> say) {
        if (paths.isEmpty() || Names.isValidProject(project)) {
            return false;
        }
        say.accept("cache: not used: invalid project name");
        return true;
    }

    /** Where the archive of a path lives; refuses a project name that breaks the name rule. */
    public Path archive(String project, String path) {
        return folder(project, path).resolve(ARCHIVE);
    }

    private Path folder(String project, String path) {
        return projectFolder(project).resolve(hash(path));
    }

    private Path projectFolder(String project) {
        if (!Names.isValidProject(project)) {
            throw new IllegalArgumentException(
                    "invalid project name '" + project.replaceAll("\\p{Cntrl}", "?") + "' for a cache");
        }
        return cacheDir.resolve(project);
    }

    /** Missing, or reached through a symbolic link (which could lead out of the workspace): not saved. */
    private static String unsaveable(Path workspace, String path) {
        Path at = workspace;
        for (Path part : Path.of(path)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return at.equals(workspace.resolve(path))
                        ? "it is a symbolic link"
                        : workspace.relativize(at) + " is a symbolic link";
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return "not in the workspace";
            }
        }
        return null;
    }

    private void write(String project, String path, Path workspace, List<String> runAs) throws IOException {
        Path folder = folder(project, path);
        for (Path dir : List.of(cacheDir, projectFolder(project), folder)) {
            makePrivate(dir);
        }
        removeStaleTemps(folder);
        // createTempFile: a unique name, mode 0600 (caches may hold credentials the build wrote).
        Path temp = Files.createTempFile(folder, "." + ARCHIVE + "." + runnerId + ".", ".tmp");
        try {
            Tar.create(workspace, path, temp, runAs, tarTimeout);
            sync(temp, false);
            Files.move(temp, folder.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
            sync(folder, true);
            describe(folder, path);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Made if missing, mode 0700: only the runner's user enters. A folder the runner does not own (a volume's
     * root) keeps its mode; the project folders below it are the runner's.
     */
    private static void makePrivate(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PRIVATE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debugf("cannot make %s private: %s", dir, e.getMessage());
        }
    }

    /** A "path" file next to the archive, for people looking at the cache folder; written once, atomically. */
    private static void describe(Path folder, String path) throws IOException {
        Path target = folder.resolve("path");
        if (!Files.exists(target)) {
            Path temp = Files.createTempFile(folder, ".path.", ".tmp");
            Files.writeString(temp, path + "\n", StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void sync(Path file, boolean directory) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to sync a folder; the rename is atomic all the same.
            if (!directory) {
                LOG.debugf("cannot sync %s: %s", file, e.getMessage());
            }
        }
    }

    private static void removeStaleTemps(Path folder) {
        Instant before = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path temp : temps) {
                FileTime modified = Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS);
                if (modified.toInstant().isBefore(before)) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException e) {
            LOG.debugf("cannot clean %s: %s", folder, e.getMessage());
        }
    }

    static String hash(String path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
