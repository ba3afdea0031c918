package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.contracts.events.SentScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds sent with their scenario (Sparky's POST /queue): no project folder needed, nothing taken from one that
 * exists, the parent's sparrowdo flags inherited, a stash written before the build became its own.
 */
class SentScenarioTest {
    @TempDir
    Path home;

    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Inbound sent(String project, String jobId, long parent, Map<String, String> flags) {
        BuildRequest r = new BuildRequest(
                SchemaVersion.CURRENT,
                project,
                jobId,
                "spawned job",
                Map.of("stage", "child"),
                "p@" + parent,
                SentScenario.SOURCE,
                parent,
                new SentScenario("say 'child';\n", flags));
        return f.record(Topics.BUILD_COMMANDS, project, Json.write(r));
    }

    private long runningParent() {
        f.project("p", "sparrowdo:\n  no_index_update: true\n  repo: file:///srv/repo\n");
        f.apply(f.request("p", "p-1", Map.of()));
        RunBuild parent = EngineFixture.jobs(f.drainOutbox()).get(0);
        f.apply(f.started("r1", parent.buildId(), 1));
        return parent.buildId();
    }

    @Test
    void aSentScenarioRunsInAProjectWithoutAFolderWithTheParentsFlags() {
        long parent = runningParent();
        f.apply(sent("spawned_01", "c-1", parent, Map.of("verbose", "true")));
        RunBuild child = EngineFixture.jobs(f.drainOutbox()).get(0);
        assertEquals("spawned_01", child.project());
        assertEquals("sparrowfile", child.script());
        assertEquals("say 'child';\n", child.scenario());
        assertEquals(
                Map.of("no_index_update", "true", "verbose", "true"),
                child.sparrowdo(),
                "the parent's flags and its own; the parent's repo is not a flag");
        assertEquals(Map.of("stage", "child"), child.params());
        assertEquals(parent, f.build(child.buildId()).parentBuildId());
        RunBuild roundTrip = Json.read(Json.write(child), RunBuild.class);
        assertEquals(child.scenario(), roundTrip.scenario());
    }

    @Test
    void aChildsOwnFalseTurnsOffAFlagItsParentHad() {
        long parent = runningParent();
        f.apply(sent("spawned_05", "c-5", parent, Map.of("no_index_update", "false", "debug", "true")));
        RunBuild child = EngineFixture.jobs(f.drainOutbox()).get(0);
        assertEquals(Map.of("debug", "true"), child.sparrowdo(), "Sparky's queue() overrides its parent's flags");
    }

    @Test
    void aSentScenarioTakesNothingFromAnExistingFolder() throws Exception {
        long parent = runningParent();
        f.project("b", "env:\n  DEPLOY_KEY: abc\nsecrets: [TOKEN]\ntimeout: 5m\n");
        f.apply(sent("b", "c-2", parent, Map.of()));
        RunBuild child = EngineFixture.jobs(f.drainOutbox()).get(0);
        assertEquals(Map.of(), child.env());
        assertEquals(List.of(), child.secrets());
        assertEquals("say 'child';\n", child.scenario());
        assertEquals(3600, child.timeoutSeconds());
    }

    @Test
    void aStashWrittenBeforeTheBuildWasQueuedBecomesItsOwn() throws Exception {
        long parent = runningParent();
        f.files.stash().putPending("spawned_02", "c-3", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
        f.apply(sent("spawned_02", "c-3", parent, Map.of()));
        RunBuild child = EngineFixture.jobs(f.drainOutbox()).get(0);
        assertEquals(
                "{\"hello\":\"world\"}",
                new String(f.files.stash().get(child.buildId()).orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(f.files.stash().getPending("spawned_02", "c-3").isEmpty());
    }

    @Test
    void sentBuildsOfAProjectWithoutAFolderRunOneAtATimeAndOneWhoseScenarioIsLostFails() throws Exception {
        long parent = runningParent();
        f.apply(sent("spawned_03", "c-4", parent, Map.of()));
        RunBuild first = EngineFixture.jobs(f.drainOutbox()).get(0);
        f.apply(sent("spawned_03", "c-5", parent, Map.of()));
        assertEquals(List.of(), EngineFixture.jobs(f.drainOutbox()), "waits while the first one runs");
        long lost = f.repo.buildByJob("spawned_03", "c-5").orElseThrow().id();
        Files.delete(home.resolve("state/scenarios/" + lost + ".json"));
        f.apply(f.started("r1", first.buildId(), 1), f.finished("r1", first.buildId(), 1, Outcome.SUCCEEDED, 0));
        assertEquals(BuildState.SUCCEEDED, f.build(first.buildId()).state());
        assertEquals(BuildState.FAILED, f.build(lost).state());
        assertTrue(
                f.build(lost).reason().contains("the scenario sent with this build is missing"),
                f.build(lost).reason());
    }

    @Test
    void aScenarioOnThePublicRequestsTopicIsDeadLetteredAndNothingRuns() {
        long parent = runningParent();
        BuildRequest r = new BuildRequest(
                SchemaVersion.CURRENT,
                "p",
                "evil-1",
                "x",
                Map.of(),
                "app",
                "kafka",
                null,
                new SentScenario("run 'rm -rf /';\n", Map.of()));
        f.apply(f.record(Topics.BUILD_REQUESTS, "p", Json.write(r)));
        assertEquals(1, f.metrics.deadLetters.get());
        assertTrue(f.repo.buildByJob("p", "evil-1").isEmpty());
        assertEquals(
                List.of(),
                EngineFixture.jobs(f.drainOutbox()).stream()
                        .filter(j -> j.buildId() != parent)
                        .toList());
    }
}
