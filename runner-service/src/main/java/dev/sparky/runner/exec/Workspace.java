package dev.sparky.runner.exec;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jboss.logging.Logger;

/** The fresh folder a build runs in, made before and removed after (symbolic links are removed, not followed). */
public final class Workspace {
    private static final Logger LOG = Logger.getLogger(Workspace.class);

    private Workspace() {
    }

    /** Makes an empty folder, removing what a crashed earlier run may have left there. */
    public static void recreate(Path dir) throws IOException {
        remove(dir);
        Files.createDirectories(dir);
    }

    /** Removes the folder and everything below; failures are logged, never thrown (the build is over). */
    public static void remove(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    // A build may have removed its own write permission; the runner owns the folder.
                    d.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warnf("could not remove workspace %s: %s", dir, e.getMessage());
        }
    }
}
