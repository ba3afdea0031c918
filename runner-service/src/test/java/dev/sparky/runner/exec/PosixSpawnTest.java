package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native start as a {@link Process}: the exit code as the JDK reports it, the pipes, the working directory and
 * the environment given, and a clear error for what cannot be started or cannot be passed to a C program.
 */
class PosixSpawnTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "GREETING", "hi");

    @TempDir
    Path dir;

    @BeforeEach
    void nativeStartLoads() {
        assertTrue(PosixSpawn.available(), "posix_spawn loads on this machine: " + PosixSpawn.unavailableReason());
    }

    @Test
    void theExitCodeOrTheSignalThatEndedIt() throws Exception {
        assertEquals(3, run("exit 3").waitFor());
        assertEquals(0x80 + 15, run("kill -TERM $$; sleep 5").waitFor(), "128 + SIGTERM, as the JDK reports it");
    }

    @Test
    void readsItsInputRunsInItsDirectoryWithExactlyItsEnvironment() throws Exception {
        Process p = run("read -r line; echo \"$line $GREETING $(pwd)\"; env | sort");
        p.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        // sh adds PWD of its own; nothing of the test's JVM comes through.
        assertEquals(
                "hello hi " + dir.toRealPath() + "\nGREETING=hi\nPATH=/usr/bin:/bin\nPWD=" + dir.toRealPath() + "\n",
                out);
    }

    @Test
    void whatCannotStartIsAnErrorNamingIt() {
        IOException missing =
                assertThrows(IOException.class, () -> PosixSpawn.start(List.of("no-such-program-here"), ENV, dir));
        assertTrue(missing.getMessage().contains("no-such-program-here"), missing.getMessage());
        IOException noDir = assertThrows(
                IOException.class, () -> PosixSpawn.start(List.of("sh", "-c", "true"), ENV, dir.resolve("gone")));
        assertTrue(noDir.getMessage().contains("no such file or directory"), noDir.getMessage());
    }

    @Test
    void aNulOrABadVariableNameIsRefusedNotCutShort() {
        IOException nulWord =
                assertThrows(IOException.class, () -> PosixSpawn.start(List.of("sh", "-c", "echo a\0b"), ENV, dir));
        assertTrue(nulWord.getMessage().contains("NUL"), nulWord.getMessage());
        IOException nulValue =
                assertThrows(IOException.class, () -> PosixSpawn.start(List.of("true"), Map.of("X", "a\0b"), dir));
        assertTrue(nulValue.getMessage().contains("X holds a NUL"), nulValue.getMessage());
        IOException badName =
                assertThrows(IOException.class, () -> PosixSpawn.start(List.of("true"), Map.of("A=B", "c"), dir));
        assertTrue(badName.getMessage().contains("'A=B' is invalid"), badName.getMessage());
    }

    private Process run(String shell) throws IOException {
        return PosixSpawn.start(List.of("sh", "-c", shell), ENV, dir);
    }
}
