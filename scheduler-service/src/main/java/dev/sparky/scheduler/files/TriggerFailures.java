package dev.sparky.scheduler.files;

import dev.sparky.scheduler.publish.SchedulerMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * Moves a bad trigger file to {@code .triggers/failed/<file>} with {@code <file>.error} beside it, so the
 * person who wrote it finds the reason next to the file. The error file is written first: a file never
 * lands in failed/ without its reason. Nothing here follows a symbolic link: a {@code failed} that is a link
 * is refused (the file stays, the log says why), an old {@code .error} link is replaced, not written through,
 * and a link is moved as the link itself.
 */
final class TriggerFailures {
    static final String FAILED = "failed";
    static final String LINK_REFUSED = "symbolic link refused: a trigger file must be a regular file in the folder "
            + "itself; links (to files or folders) are never followed";
    private static final Logger LOG = Logger.getLogger(TriggerFailures.class);

    private final SchedulerMetrics metrics;

    TriggerFailures(SchedulerMetrics metrics) {
        this.metrics = metrics;
    }

    /** A symbolic link found in {@code .triggers/}: moved to failed/ without ever being read through. */
    void refuseLink(String project, Path link) {
        if (link.getFileName().toString().equals(FAILED)) {
            LOG.errorf(
                    "project %s: %s/%s is a symbolic link: symbolic link refused, it cannot be moved into itself;"
                            + " make %s/%s a real folder",
                    project, TriggerInbox.FOLDER, FAILED, TriggerInbox.FOLDER, FAILED);
            return;
        }
        fail(project, link, LINK_REFUSED);
    }

    void fail(String project, Path file, String reason) {
        String name = file.getFileName().toString();
        Path failed = file.resolveSibling(FAILED);
        String text = TriggerInbox.FOLDER + "/" + name + ": " + reason + "\n" + "Fix the file and move it back to "
                + TriggerInbox.FOLDER + "/ to try again.\n";
        try {
            if (!safeFolder(failed)) {
                LOG.errorf(
                        "project %s: %s/%s is bad (%s) and stays: %s/%s is a symbolic link or not a folder, so "
                                + "nothing is moved there; make it a real folder",
                        project, TriggerInbox.FOLDER, name, reason, TriggerInbox.FOLDER, FAILED);
                return;
            }
            writeNew(failed.resolve(name + ".error"), text);
            Files.move(file, failed.resolve(name), StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            metrics.triggerFileFailed();
            LOG.warnf(
                    "project %s: %s/%s refused, moved to %s/%s/: %s",
                    project, TriggerInbox.FOLDER, name, TriggerInbox.FOLDER, FAILED, reason);
        } catch (NoSuchFileException e) {
            // another replica moved it first
        } catch (IOException e) {
            LOG.warnf(
                    "project %s: %s/%s is bad (%s) and could not be moved: %s",
                    project, TriggerInbox.FOLDER, name, reason, e.getMessage());
        }
    }

    /** Creates failed/ when missing; false when it is a link or anything but a real folder. */
    private static boolean safeFolder(Path failed) throws IOException {
        if (Files.isSymbolicLink(failed)) {
            return false;
        }
        try {
            Files.createDirectory(failed);
        } catch (FileAlreadyExistsException e) {
            // there already: checked below
        }
        return !Files.isSymbolicLink(failed) && Files.isDirectory(failed, LinkOption.NOFOLLOW_LINKS);
    }

    /** Replaces whatever is at {@code path} (a link included, which is removed, not followed) with {@code text}. */
    private static void writeNew(Path path, String text) throws IOException {
        Files.deleteIfExists(path);
        Files.write(
                path,
                text.getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }
}
