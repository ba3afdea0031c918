package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Every file a build owns in the state folder: its logs, its artifacts and its stash. Retention removes them
 * together; the start-up sweep finds the ones whose build row is gone (a crash between the row deletion and
 * the file deletion) and leftovers of interrupted uploads.
 */
public final class BuildFiles {
    private static final Logger LOG = Logger.getLogger(BuildFiles.class);

    private final LogStore logs;
    private final ArtifactStore artifacts;
    private final StashStore stash;
    private final BuildFileStore scenarios;

    public BuildFiles(LogStore logs, ArtifactStore artifacts, StashStore stash, BuildFileStore scenarios) {
        this.logs = logs;
        this.artifacts = artifacts;
        this.stash = stash;
        this.scenarios = scenarios;
    }

    public BuildFiles(LogStore logs, ArtifactStore artifacts, StashStore stash) {
        this(logs, artifacts, stash, new BuildFileStore(stash.root().resolveSibling("scenarios")));
    }

    /** The usual layout below a state folder. */
    public static BuildFiles in(Path stateDir) {
        return in(stateDir, ArtifactStore.Quota.NONE);
    }

    /** The usual layout, each build's artifacts held to {@code quota}. */
    public static BuildFiles in(Path stateDir, ArtifactStore.Quota quota) {
        return new BuildFiles(
                new LogStore(stateDir.resolve("logs")),
                new ArtifactStore(stateDir.resolve("artifacts"), quota),
                new StashStore(stateDir.resolve("stash")),
                new BuildFileStore(stateDir.resolve("scenarios")));
    }

    public LogStore logs() {
        return logs;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public StashStore stash() {
        return stash;
    }

    public BuildFileStore scenarios() {
        return scenarios;
    }

    /**
     * Removes the build's log folder, artifacts folder and stash. Engine thread only (it closes log files of
     * the running batch). A failure is logged and the rest still removed: what stays is swept at the next start.
     *
     * @return true when everything is gone
     */
    public boolean delete(long buildId) {
        boolean ok = attempt(buildId, "logs", () -> logs.delete(buildId));
        ok &= attempt(buildId, "artifacts", () -> artifacts.delete(buildId));
        ok &= attempt(buildId, "scenario", () -> scenarios.delete(buildId));
        return ok & attempt(buildId, "stash", () -> stash.delete(buildId));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static boolean attempt(long buildId, String what, IoAction action) {
        try {
            action.run();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot remove the %s of deleted build %d (removed at the next start): %s", what, buildId, e);
            return false;
        }
    }

    /** Build ids that own any file: numeric folders under logs/ and artifacts/, {@code <id>.json} in stash/. */
    public Set<Long> buildIdsOnDisk() {
        Set<Long> ids = new TreeSet<>();
        collect(logs.root(), "", ids);
        collect(artifacts.root(), "", ids);
        collect(stash.root(), BuildFileStore.SUFFIX, ids);
        collect(scenarios.root(), BuildFileStore.SUFFIX, ids);
        return ids;
    }

    private static void collect(Path dir, String suffix, Set<Long> ids) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length()))
                    .filter(n -> n.matches("\\d{1,18}"))
                    .forEach(n -> ids.add(Long.parseLong(n)));
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", dir, e);
        }
    }

    /**
     * Removes temp files of uploads last written before {@code beforeMillis} (an upload cut off by a crash), and
     * stashes written for builds that were never queued.
     */
    public int sweepTemps(long beforeMillis) {
        int removed = sweepTempsIn(stash.root(), beforeMillis) + sweepTempsIn(scenarios.root(), beforeMillis);
        try {
            removed += stash.sweepPending(beforeMillis);
        } catch (IOException e) {
            LOG.warnf("cannot sweep the pending stashes: %s", e);
        }
        if (Files.isDirectory(artifacts.root())) {
            try (Stream<Path> dirs = Files.list(artifacts.root())) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    removed += sweepTempsIn(d, beforeMillis);
                }
            } catch (IOException e) {
                LOG.warnf("cannot list %s: %s", artifacts.root(), e);
            }
        }
        return removed;
    }

    private static int sweepTempsIn(Path dir, long beforeMillis) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX))
                    .toList()) {
                if (Files.getLastModifiedTime(f).toMillis() < beforeMillis && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot sweep temp files in %s: %s", dir, e);
        }
        return removed;
    }
}
