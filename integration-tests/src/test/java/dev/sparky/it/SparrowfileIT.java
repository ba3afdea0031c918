package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.SparkyCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Sparky projects brought unchanged, end to end on real processes: a folder whose scenario is a Raku
 * {@code sparrowfile} runs with sparrowdo on the runner, its build parameters reach {@code tags()}, a failing
 * scenario fails the build, and a project whose {@code sparrowdo:} section names another host is refused when
 * it loads. Needs Raku and sparrowdo ({@code bin/sparky install-raku}); without them the class is skipped,
 * unless {@code -Dit.require-raku=true} (as {@code bin/sparky test} sets), which makes it fail instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(
        value = "runnable",
        disabledReason = "Raku and sparrowdo are not installed (no "
                + "/usr/lib/perl6/site/bin/sparrowdo): run bin/sparky install-raku to run this test "
                + "(-Dit.require-raku=true makes it fail instead of skipping)")
class SparrowfileIT {
    /** sparrowdo starts several raku processes: about 10 s a build on a busy 2-core machine. */
    private static final Duration BUILD = Duration.ofSeconds(120);

    private static final Path SPARROWDO = Path.of("/usr/lib/perl6/site/bin/sparrowdo");
    private SparkyCluster cluster;
    private SparkyApi api;

    /** Skipped without Raku, unless asked to require it (then the builds fail, naming the install command). */
    static boolean runnable() {
        return Boolean.getBoolean("it.require-raku") || Files.isExecutable(SPARROWDO);
    }

    @BeforeAll
    void start() throws IOException {
        Path home = Files.createTempDirectory("sparky-it-sparrowfile");
        // no_index_update: these scenarios use no Sparrow6 plugin, so no plugin repository is needed.
        sparrowProject(home, "raku-hello", """
                allow_manual_run: true
                sparrowdo:
                  no_sudo: true
                  no_index_update: true
                  tags: GREETING=Hello
                """, """
                my %t = tags();
                say "{%t<GREETING>}, {%t<WHO>}! project={%t<SPARKY_PROJECT>} worker={%t<SPARKY_WORKER>}";
                say "from the project folder: {'files/notes.txt'.IO.slurp.trim}";
                """);
        // sparrowdo hands files/, templates/, conf/, config.raku ... of the folder it runs in to the scenario.
        Files.writeString(
                Files.createDirectories(home.resolve("projects/raku-hello/files"))
                        .resolve("notes.txt"),
                "notes of raku-hello\n");
        sparrowProject(home, "raku-die", """
                allow_manual_run: true
                sparrowdo:
                  no_index_update: true
                """, """
                say "about to fail";
                die "the scenario failed on purpose";
                """);
        sparrowProject(home, "raku-remote", """
                allow_manual_run: true
                sparrowdo:
                  host: 192.0.2.10
                  ssh_user: deploy
                """, "say 'never';\n");
        cluster = ClusterFixture.cluster(home, Map.of()).start(1, false);
        api = cluster.api();
    }

    private static void sparrowProject(Path home, String name, String yaml, String sparrowfile) throws IOException {
        ClusterFixture.project(home, name, yaml, null);
        Files.writeString(home.resolve("projects").resolve(name).resolve("sparrowfile"), sparrowfile);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSparrowfileRunsWithSparrowdoAndReadsItsParametersThroughTags() {
        Answer queued = api.postForm("/build-with-tags/project/raku-hello", "tags=WHO%3DRaku___space___fans");
        assertEquals(200, queued.status(), queued.body());
        String jobId = queued.body().trim();
        assertEquals(1, api.awaitTerminal("raku-hello", jobId, BUILD), cluster::diagnostics);
        String log = api.get("/report/raw/raku-hello/" + jobId).body();
        assertTrue(log.contains("Hello, Raku fans! project=raku-hello worker=localhost"), log);
        assertTrue(log.contains("from the project folder: notes of raku-hello\n"), log);
        assertFalse(log.contains("\r"), "the pseudo-terminal does not turn newlines into CR LF");
    }

    @Test
    void aScenarioThatDiesFailsTheBuildWithItsOutputInTheLog() {
        String jobId = api.trigger("raku-die");
        assertEquals(-1, api.awaitTerminal("raku-die", jobId, BUILD), cluster::diagnostics);
        String log = api.get("/report/raw/raku-die/" + jobId).body();
        assertTrue(log.contains("about to fail"), log);
        assertTrue(log.contains("the scenario failed on purpose"), log);
    }

    @Test
    void aSparrowdoHostIsRefusedWhenTheProjectLoads() {
        JsonNode project = api.get("/api/v1/projects/raku-remote").json();
        assertFalse(project.path("buildable").asBoolean(true), project.toString());
        String message = project.path("issues").path(0).path("message").asText();
        assertTrue(
                message.startsWith(
                        "sparrowdo.host: a build runs on the runner that takes it, never on another "
                                + "host or container: remove host and run this project on a runner pool whose runner is that host"),
                project.toString());
        Answer refused = api.post("/build/project/raku-remote");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("sparrowdo.host: a build runs on the runner that takes it"), refused.body());
        assertTrue(refused.body().contains("sparrowdo.ssh_user"), refused.body());
    }
}
