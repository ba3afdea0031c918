package dev.sparky.scheduler.files;

import dev.sparky.scheduler.publish.SchedulerMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jboss.logging.Logger;

/**
 * Moves a bad trigger file to {@code .triggers/failed/<file>} with {@code <file>.error} beside it, so the
 * person who wrote it finds the reason next to the file. The error file is written first: a file never
 * lands in failed/ without its reason.
 */
final class TriggerFailures {
    static final String FAILED = "failed";
    private static final Logger LOG = Logger.getLogger(TriggerFailures.class);

    private final SchedulerMetrics metrics;

    TriggerFailures(SchedulerMetrics metrics) {
        this.metrics = metrics;
    }

    void fail(String project, Path file, String reason) {
        String name = file.getFileName().toString();
        Path failed = file.resolveSibling(FAILED);
        String text = TriggerInbox.FOLDER + "/" + name + ": " + reason + "\n"
                + "Fix the file and move it back to " + TriggerInbox.FOLDER + "/ to try again.\n";
        try {
            Files.createDirectories(failed);
            Files.writeString(failed.resolve(name + ".error"), text, StandardCharsets.UTF_8);
            Files.move(file, failed.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            metrics.triggerFileFailed();
            LOG.warnf("project %s: %s/%s refused, moved to %s/%s/: %s", project, TriggerInbox.FOLDER, name,
                    TriggerInbox.FOLDER, FAILED, reason);
        } catch (NoSuchFileException e) {
            // another replica moved it first
        } catch (IOException e) {
            LOG.warnf("project %s: %s/%s is bad (%s) and could not be moved: %s", project, TriggerInbox.FOLDER,
                    name, reason, e.getMessage());
        }
    }
}
