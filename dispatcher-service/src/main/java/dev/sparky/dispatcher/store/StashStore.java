package dev.sparky.dispatcher.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JSON stash of each build as {@code stash/<build id>.json}, written by the HTTP API threads (files only,
 * never the database), and the stashes of builds not queued yet.
 */
public final class StashStore extends BuildFileStore {
    static final String PENDING = "pending";

    public StashStore(Path stashRoot) {
        super(stashRoot);
    }

    /**
     * The stash of a build not queued yet, {@code stash/pending/<project>/<job id>.json}: Sparky's job API
     * client writes a child's stash before it queues the child. Names are checked by the caller (no path
     * separators, no {@code ..}).
     */
    Path pendingFile(String project, String jobId) {
        return root().resolve(PENDING).resolve(project).resolve(jobId + SUFFIX);
    }

    public void putPending(String project, String jobId, byte[] json) throws IOException {
        AtomicFiles.write(pendingFile(project, jobId), new ByteArrayInputStream(json), Long.MAX_VALUE);
    }

    public Optional<byte[]> getPending(String project, String jobId) throws IOException {
        return read(pendingFile(project, jobId));
    }

    /**
     * Makes the pending stash of {@code project/jobId}, if any, the stash of its build, now recorded. Both the
     * engine (recording the build) and the API (a stash written while the build was being recorded) call it;
     * whichever moves the file first wins, the other finds nothing.
     */
    public void adoptPending(String project, String jobId, long buildId) throws IOException {
        Path pending = pendingFile(project, jobId);
        if (!Files.exists(pending)) {
            return;
        }
        try {
            Files.move(pending, file(buildId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // the other caller moved it first
        }
    }

    /** Removes pending stashes last written before {@code beforeMillis}: their build was never queued. */
    public int sweepPending(long beforeMillis) throws IOException {
        Path dir = root().resolve(PENDING);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(f).toMillis() < beforeMillis && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
