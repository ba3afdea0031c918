package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The gate as bash's own start-up file, for scripts that bash runs anyway (docs/runner.md, "How a build starts").
 * The build's process is then {@code bash <script>} itself, with {@code BASH_ENV} naming this file: bash reads it
 * before the script's first line, so bash is loaded and waiting when the start is on record, and the script runs
 * exactly as {@code bash <script>} (its {@code $0}, its call stack, a top-level {@code return}), with no second
 * shell after the gate.
 *
 * <p>The file is the runner's, written when missing (read-only, in the runner's work folder, not a build's): a
 * missing file would let bash run the script without waiting. It unsets {@code BASH_ENV}, so the script and the
 * shells it starts read no start-up file, as without a gate.
 */
final class BashGate {
    static final String VARIABLE = "BASH_ENV";
    /** The gate, then {@code BASH_ENV} gone: the script's own shells start clean. */
    static final String TEXT = ScriptCommand.GATE + "; unset BASH_ENV\n";
    /**
     * Names that make bash skip {@code BASH_ENV} (POSIX mode) or that the project set itself: with any of them in
     * the build's environment the gate stays the {@code sh} one.
     */
    static final Set<String> DISABLED_BY = Set.of(VARIABLE, "POSIXLY_CORRECT", "SHELLOPTS");

    private final Path file;

    BashGate(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** Whether bash would read the gate with this environment (a project's {@code env:} may name those). */
    static boolean appliesTo(Map<String, String> environment) {
        return DISABLED_BY.stream().noneMatch(environment::containsKey);
    }

    /** The file, written first if it is missing or not the runner's plain file. */
    Path file() {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            write();
        }
        return file;
    }

    private synchronized void write() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".bash-gate", ".tmp");
            Files.writeString(temporary, TEXT, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r--r--"));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build gate " + file + ": " + e.getMessage(), e);
        }
    }
}
