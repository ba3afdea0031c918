package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sparky's own trigger files, as Sparky, its Job API and {@code sparrowdo --with_sparky} write them (no extension,
 * the name is the job id; a Raku hash literal or JSON), against real processes: each makes one build with its
 * description and parameters; one holding code makes none and ends in failed/ with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkyTriggerFilesIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String SCRIPT = """
            #!/usr/bin/env bash
            printf 'a=%s b=%s version=%s\\n' "$a" "$b" "$VERSION"
            """;

    private Path home;
    private Path triggers;
    private SparkyCluster cluster;
    private SparkyApi api;

    @BeforeAll
    void start() throws IOException {
        home = ClusterFixture.homeWithExamples("sparky-triggers");
        ClusterFixture.project(home, "compat", "allow_manual_run: true\n", SCRIPT);
        triggers = Files.createDirectories(home.resolve("projects/compat/.triggers"));
        cluster = ClusterFixture.cluster(home, Map.of()).start(1, true);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aRakuHashWrittenInPlaceAsSparkyDoesMakesOneBuild() throws IOException {
        // Sparky spurts the file in place (no temporary name); a half-written file is retried, not refused.
        String id = "kxqzjwvbnmtrplhgfdsa.4242";
        Files.writeString(triggers.resolve(id), """
                %(
                  description => "nightly",
                  cwd => "/home/x/.sparky/.cache/abc",
                  sparrowdo => %( tags => "a=1,b=2", no_sudo => True ),
                )
                """);
        assertEquals(1, api.awaitTerminal("compat", id, LONG), cluster::diagnostics);
        assertEquals("nightly", api.build("compat", id).path("description").asText());
        assertTrue(
                api.get("/report/raw/compat/" + id).body().contains("a=1 b=2 version=\n"),
                api.get("/report/raw/compat/" + id).body());
        assertFalse(Files.exists(triggers.resolve(id)));
    }

    @Test
    void sparkysJsonFormatRenamedIntoPlaceMakesOneBuild() throws IOException {
        String id = "abcdefghijklmnopqrst.77";
        Path tmp = triggers.resolve("." + id + ".tmp");
        Files.writeString(tmp, """
                {
                  "description": "from the release bot",
                  "sparrowdo": {"tags": "VERSION=1.4.2,a=x", "localhost": true}
                }
                """);
        Files.move(tmp, triggers.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        assertEquals(1, api.awaitTerminal("compat", id, LONG), cluster::diagnostics);
        JsonNode build = api.build("compat", id);
        assertEquals("from the release bot", build.path("description").asText());
        assertTrue(
                api.get("/report/raw/compat/" + id).body().contains("a=x b= version=1.4.2\n"),
                api.get("/report/raw/compat/" + id).body());
    }

    @Test
    void aRakuFileHoldingCodeMakesNoBuildAndEndsInFailedWithTheError() throws IOException {
        String id = "evil.1";
        Path tmp = triggers.resolve("." + id + ".tmp");
        Files.writeString(tmp, "%(\n  description => run(\"touch /tmp/pwned-by-trigger\"),\n)\n");
        Files.move(tmp, triggers.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        Path error = triggers.resolve("failed/" + id + ".error");
        Path moved = triggers.resolve("failed/" + id);
        String text = Waits.until(LONG, "failed/" + id + " and its .error", () -> read(error, moved));
        assertTrue(
                text.startsWith(".triggers/evil.1: not a Sparky trigger hash: line 2, column 18: expected a value"),
                text);
        assertFalse(Files.exists(triggers.resolve(id)));
        assertNull(api.status("compat", id), "no build for the refused file");
    }

    /** The error text once both the file and its reason are in failed/, else null. */
    private static String read(Path error, Path moved) {
        try {
            return Files.exists(error) && Files.exists(moved) ? Files.readString(error) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
