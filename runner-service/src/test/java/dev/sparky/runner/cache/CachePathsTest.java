package dev.sparky.runner.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only relative paths inside the workspace are cached; anything else is left out with a system-log note. */
class CachePathsTest {

    @Test
    void relativePathsAreKeptNormalisedAndOnce() {
        List<String> notes = new ArrayList<>();
        assertEquals(
                List.of("node_modules", "build/.gradle", "a b"),
                CachePaths.check(List.of("node_modules", "./build//.gradle/", "node_modules/", "a b"), notes));
        assertEquals(List.of(), notes);
    }

    @Test
    void pathsOutsideTheWorkspaceAreRejectedWithANote() {
        List<String> notes = new ArrayList<>();
        List<String> raw =
                Arrays.asList("/etc", "../other", "a/../../b", "a/../b", "", " ", ".", "./", "~/x", "bad\nname", null);
        assertEquals(List.of(), CachePaths.check(raw, notes));
        assertEquals(
                List.of(
                        "cache path '/etc' skipped: it must be a relative path inside the workspace",
                        "cache path '../other' skipped: it must stay inside the workspace (no '..')",
                        "cache path 'a/../../b' skipped: it must stay inside the workspace (no '..')",
                        "cache path 'a/../b' skipped: it must stay inside the workspace (no '..')",
                        "cache path '' skipped: it is empty",
                        "cache path ' ' skipped: it is empty",
                        "cache path '.' skipped: it names the whole workspace",
                        "cache path './' skipped: it names the whole workspace",
                        "cache path '~/x' skipped: it must be a relative path inside the workspace",
                        "cache path 'bad?name' skipped: it contains control characters",
                        "cache path '' skipped: it is empty"),
                notes);
    }
}
