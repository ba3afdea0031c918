package dev.sparky.runner.cache;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The project caches ({@code cache:} in sparky.yaml): each listed workspace path is kept as one gzip'd tar archive,
 * {@code <cache-dir>/<project>/<sha-256 of the path, 32 hex>/cache.tar.gz}, restored before a build and saved
 * after a successful one. A save writes a private temp file in the same folder, syncs it and renames it over the
 * archive: rename is atomic, so two runners saving the same project at once never mix their archives (the last
 * rename wins) and a reader, which opens the archive once, sees the old or the new one, whole. Nothing here fails
 * a build: a missing, unreadable or unsaveable cache is a line in the log.
 */
public final class BuildCache {
    private static final Logger LOG = Logger.getLogger(BuildCache.class);
    static final String ARCHIVE = "cache.tar.gz";
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
    public void restore(String project, List<String> paths, Path workspace, List<String> runAs,
            Consumer<String> say) {
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

    /** Where the archive of a path lives. */
    public Path archive(String project, String path) {
        return folder(project, path).resolve(ARCHIVE);
    }

    private Path folder(String project, String path) {
        return cacheDir.resolve(project).resolve(hash(path));
    }

    /** Missing, or reached through a symbolic link (which could lead out of the workspace): not saved. */
    private static String unsaveable(Path workspace, String path) {
        Path at = workspace;
        for (Path part : Path.of(path)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return at.equals(workspace.resolve(path)) ? "it is a symbolic link"
                        : workspace.relativize(at) + " is a symbolic link";
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return "not in the workspace";
            }
        }
        return null;
    }

    private void write(String project, String path, Path workspace, List<String> runAs) throws IOException {
        Path folder = Files.createDirectories(folder(project, path));
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
