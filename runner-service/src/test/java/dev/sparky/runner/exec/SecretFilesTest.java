package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsItsOwnProjectsFilesLessOneTrailingNewline() throws IOException {
        write("web", "TOKEN", "abc\n");
        write("web", "KEY", "line1\nline2\n\n");
        write("web", "RAW", "no newline");
        List<String> notes = new ArrayList<>();
        Map<String, String> values = new SecretFiles(dir).read("web", List.of("TOKEN", "KEY", "RAW"), notes);
        assertEquals(Map.of("TOKEN", "abc", "KEY", "line1\nline2\n", "RAW", "no newline"), values);
        assertEquals(List.of(), notes);
    }

    @Test
    void anotherProjectsSecretIsNotSetForThisOne() throws IOException {
        write("other", "TOKEN", "theirs");
        List<String> notes = new ArrayList<>();
        assertEquals(Map.of(), new SecretFiles(dir).read("web", List.of("TOKEN"), notes));
        assertEquals(
                List.of("secret TOKEN is not set for project web (expected file " + dir.resolve("web/TOKEN") + ")"),
                notes);
    }

    @Test
    void namesThatAreNotVariableNamesOrProjectsThatBreakTheRuleReadNothing() throws IOException {
        write("other", "TOKEN", "theirs");
        List<String> notes = new ArrayList<>();
        SecretFiles files = new SecretFiles(dir);
        assertEquals(Map.of(), files.read("web", List.of("../other/TOKEN", ".", "A/B"), notes));
        assertEquals(Map.of(), files.read("..", List.of("TOKEN"), notes));
        assertEquals(Map.of(), files.read("../other", List.of("TOKEN"), notes));
        assertEquals(5, notes.size(), notes::toString);
        assertTrue(notes.get(0).startsWith("secret '../other/TOKEN' not passed: a secret name is an environment"));
        assertEquals("secret TOKEN not passed: invalid project name", notes.get(4));
    }

    @Test
    void aFileTooLargeOrHoldingNulIsNotPassed() throws IOException {
        write("web", "BIG", "x".repeat(SecretFiles.MAX_BYTES + 1));
        write("web", "NUL", "a\0b");
        List<String> notes = new ArrayList<>();
        assertEquals(Map.of(), new SecretFiles(dir).read("web", List.of("BIG", "NUL"), notes));
        assertTrue(notes.get(0).endsWith("is larger than 64 KiB"), notes::toString);
        assertTrue(
                notes.get(1).endsWith("contains a NUL byte, which no environment variable can hold"), notes::toString);
    }

    @Test
    void theRunnerWarnsAboutVariablesThatLookLikeOldStyleSecrets() {
        List<String> warnings = new SecretFiles(dir)
                .legacyWarnings(Map.of(
                        "GITHUB_TOKEN",
                        "x",
                        "NPM_PASSWORD",
                        "y",
                        "PATH",
                        "/bin",
                        "SPARKY_AUTH_SESSION_SECRET",
                        "z",
                        "HOME",
                        "/root"));
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("environment variable GITHUB_TOKEN looks like a build secret"));
        assertTrue(warnings.get(0).contains("Move it to " + dir + "/<project>/GITHUB_TOKEN"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("environment variable NPM_PASSWORD"));
    }

    private void write(String project, String name, String value) throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve(project)).resolve(name), value);
    }
}
