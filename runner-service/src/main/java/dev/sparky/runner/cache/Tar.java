package dev.sparky.runner.cache;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * GNU tar with gzip, run as the build user when there is one ({@code runAs} prefix). The runner opens the
 * archive itself and hands it over as stdin or stdout, so the build user never needs access to the cache folder,
 * and tar, running with the build user's rights, can read and write in the workspace only what the build itself
 * could: a symbolic link planted in the workspace leads nowhere the build could not go anyway.
 */
final class Tar {
    private static final int MAX_ERROR_BYTES = 2048;

    private Tar() {}

    /** Unpacks {@code archive} into {@code dir}. Owners are not restored: files belong to whoever unpacks. */
    static void extract(Path archive, Path dir, List<String> runAs, Duration timeout) throws IOException {
        List<String> cmd = command(runAs, "-x", "-z", "-f", "-", "--no-same-owner", "-C", dir.toString());
        run(cmd, ProcessBuilder.Redirect.from(archive.toFile()), ProcessBuilder.Redirect.DISCARD, timeout);
    }

    /** Packs {@code path} (relative to {@code dir}, symbolic links stored as links) into {@code out}. */
    static void create(Path dir, String path, Path out, List<String> runAs, Duration timeout) throws IOException {
        List<String> cmd = command(runAs, "-c", "-z", "-f", "-", "-C", dir.toString(), "--", path);
        run(
                cmd,
                ProcessBuilder.Redirect.from(new File("/dev/null")),
                ProcessBuilder.Redirect.to(out.toFile()),
                timeout);
    }

    private static List<String> command(List<String> runAs, String... args) {
        List<String> cmd = new ArrayList<>(runAs);
        cmd.add("tar");
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void run(List<String> cmd, ProcessBuilder.Redirect in, ProcessBuilder.Redirect out, Duration timeout)
            throws IOException {
        // stderr goes to a file: read after the end, it can neither block tar nor grow without bound.
        Path errors = Files.createTempFile("sparky-tar", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(in)
                    .redirectOutput(out)
                    .redirectError(errors.toFile());
            pb.environment().clear();
            pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LC_ALL", "C"));
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("tar did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("tar failed (exit code " + p.exitValue() + "): " + firstLine(errors));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running tar", e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8).strip();
            return text.isEmpty()
                    ? "no message"
                    : text.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        }
    }
}
