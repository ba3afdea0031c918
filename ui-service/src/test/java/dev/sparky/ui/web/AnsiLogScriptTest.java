package dev.sparky.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The log view's ANSI renderer is JavaScript (sparky.js); its tests (src/test/js/ansi-log.test.js) run on node:
 * what it renders (colours, bold, reset, escaping) equals what the former regular-expression renderer rendered
 * on random logs, and 100k escape sequences without their ends render, correctly, within the timeout (the
 * former renderer took tens of seconds on one of them).
 */
class AnsiLogScriptTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theRendererPassesItsNodeTests() throws Exception {
        Assumptions.assumeTrue(nodeAvailable(), "node is not installed: the renderer's script tests are skipped");
        Path js = Path.of("src/main/resources/META-INF/resources/js/sparky.js").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=tap", "ansi-log.test.js")
                .directory(Path.of("src/test/js").toFile())
                .redirectErrorStream(true);
        pb.environment().put("SPARKY_JS", js.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String tail = out.length() > 4000 ? out.substring(out.length() - 4000) : out;
        assertEquals(0, exit, tail);
        assertTrue(out.contains("# pass 5") && out.contains("# fail 0"), tail);
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
