package dev.sparky.runner.exec;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The fresh folder a build runs in, made before and removed after (symbolic links are removed, not followed), and
 * beside it the build's own HOME ({@code <workspace>.home}) and TMPDIR ({@code <workspace>.tmp}): nothing one build
 * writes there is seen by the next. All three are mode 0700.
 */
public final class Workspace {
    private static final Logger LOG = Logger.getLogger(Workspace.class);
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private Workspace() {}

    /** The build's HOME, beside its workspace. */
    public static Path homeOf(Path workspace) {
        return workspace.resolveSibling(workspace.getFileName() + ".home");
    }

    /** The build's TMPDIR, beside its workspace. */
    public static Path tmpOf(Path workspace) {
        return workspace.resolveSibling(workspace.getFileName() + ".tmp");
    }

    /**
     * Makes the empty workspace, HOME and TMPDIR folders (mode 0700), removing what a crashed earlier run may have
     * left there; returns the three.
     */
    public static List<Path> recreate(Path dir) throws IOException {
        remove(dir);
        List<Path> made = List.of(dir, homeOf(dir), tmpOf(dir));
        for (Path folder : made) {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PRIVATE);
        }
        return made;
    }

    /** Removes the workspace, its HOME and TMPDIR; failures are logged, never thrown (the build is over). */
    public static void remove(Path dir) {
        if (dir == null) {
            return;
        }
        removeTree(dir);
        if (dir.getFileName() != null) {
            removeTree(homeOf(dir));
            removeTree(tmpOf(dir));
        }
    }

    private static void removeTree(Path dir) {
        try {
            // Most folders are empty when a build ends (a trivial build's workspace and TMPDIR): one rmdir then,
            // instead of a walk that opens, lists and re-reads the folder. A link is removed, not followed.
            Files.delete(dir);
            return;
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            // not empty, or not removable as it is: the walk below makes it writable and empties it first
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
