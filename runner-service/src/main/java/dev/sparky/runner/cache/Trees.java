package dev.sparky.runner.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Cached trees on the disk: their size for the log lines ("12 MB", "640 KB") and their removal. */
final class Trees {
    private static final long KB = 1024;
    private static final long MB = KB * 1024;

    private Trees() {}

    static String human(long bytes) {
        if (bytes >= 10 * MB) {
            return Math.round((double) bytes / MB) + " MB";
        }
        if (bytes >= MB) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", (double) bytes / MB);
        }
        if (bytes >= KB) {
            return Math.round((double) bytes / KB) + " KB";
        }
        return bytes + " B";
    }

    /** The bytes of the regular files below {@code root}; symbolic links are not followed. */
    static long size(Path root) throws IOException {
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** Removes a partly restored tree; symbolic links are removed, not followed. Best effort. */
    static void remove(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // The workspace is removed after the build anyway.
        }
    }
}
