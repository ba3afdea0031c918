package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Writes a file so that a concurrent reader sees the old content or the new, never half: the bytes go to a
 * temp file in the same folder, are forced to disk, and the temp file is renamed over the target (an atomic
 * rename within one file system).
 */
final class AtomicFiles {
    /** Temp files start with this; listings skip them and the start-up sweep removes old ones. */
    static final String TEMP_PREFIX = ".tmp-";

    /** Size and SHA-256 (hex) of what was written. */
    record Written(long size, String sha256) {}

    private AtomicFiles() {}

    /** The last step of a write, given the written size: may refuse (nothing is kept then) or call {@code move}. */
    interface Commit {
        void commit(long size, Move move) throws IOException;
    }

    /** Renames the written temp file over the target. */
    interface Move {
        void run() throws IOException;
    }

    static Written write(Path target, InputStream in, long maxBytes) throws IOException {
        return write(target, in, maxBytes, (size, move) -> move.run());
    }

    /** As {@link #write(Path, InputStream, long)}; {@code commit} decides, once the bytes are on disk, whether to keep them. */
    static Written write(Path target, InputStream in, long maxBytes, Commit commit) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + ".part");
        try {
            Written w = copy(in, temp, maxBytes);
            commit.commit(w.size(), () -> move(temp, target));
            return w;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Written copy(InputStream in, Path temp, long maxBytes) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(ch)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            out.flush();
            ch.force(true);
        }
        return new Written(size, HexFormat.of().formatHex(sha.digest()));
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same folder, so only exotic file systems land here; a plain replace is the best they offer
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a folder and what is in it (no symbolic links are followed). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
