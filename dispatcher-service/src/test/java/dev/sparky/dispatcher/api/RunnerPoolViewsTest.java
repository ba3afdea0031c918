package dev.sparky.dispatcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Overview;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.dispatcher.engine.EngineFixture;
import dev.sparky.dispatcher.engine.EngineSettings;
import dev.sparky.project.ProjectCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the API shows of runner pools: the build's pool, why it waits, and each pool's own counters. */
class RunnerPoolViewsTest {
    @TempDir
    Path home;

    EngineFixture f;
    StateReader reader;

    @BeforeEach
    void setUp() {
        EngineSettings settings = EngineSettings.defaults().withPools(List.of("gpu"));
        f = new EngineFixture(home, Instant.parse("2026-01-01T10:00:00Z"), settings);
        reader = new StateReader(
                f.queries, f.logs, new ProjectCatalog(home.resolve("projects")), f.clock, settings, f.buildsVersion);
        f.project("render", "pool: gpu\nconcurrency: 2\n");
        f.project("plain", "");
        f.project("odd", "pool: arm64\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private BuildView view(String project, String jobId) {
        return reader.build(f.build(project, jobId).orElseThrow().id()).orElseThrow();
    }

    private void gpuRunnerBeats() {
        f.apply(f.record(
                Topics.RUNNER_EVENTS,
                "g1",
                Json.write(RunnerHeartbeat.of("g1", "h", RunnerHeartbeat.RunnerState.IDLE, null, null, null, "gpu"))));
    }

    @Test
    void aBuildSaysItWaitsForARunnerOfItsPoolUntilOneIsAlive() {
        f.apply(f.heartbeat("r1", null, null), f.request("render", "a", Map.of()), f.request("plain", "b", Map.of()));
        assertEquals("waiting for a runner in pool gpu", view("render", "a").reason());
        assertEquals("gpu", view("render", "a").pool());
        assertEquals("waiting for a free runner", view("plain", "b").reason());
        assertEquals("default", view("plain", "b").pool());

        gpuRunnerBeats();
        assertEquals("waiting for a free runner", view("render", "a").reason());

        f.tick(Duration.ofSeconds(30)); // the gpu runner falls silent beyond the lease
        f.apply(f.heartbeat("r1", null, null));
        assertEquals("waiting for a runner in pool gpu", view("render", "a").reason());
    }

    @Test
    void aBuildOfAnUndeclaredPoolSaysSo() {
        f.apply(f.request("odd", "c", Map.of()));
        BuildView v = view("odd", "c");
        assertEquals("queued", v.state().wireName());
        assertTrue(v.reason().startsWith("runner pool arm64 is not declared to the dispatcher"), v.reason());
        assertEquals("arm64", v.pool());
        assertTrue(reader.queue(10).get(0).reason().startsWith("runner pool arm64 is not declared"));
    }

    @Test
    void eachPoolHasItsOwnCounters() {
        f.apply(
                f.heartbeat("r1", null, null),
                f.request("render", "a", Map.of()),
                f.request("render", "b", Map.of()),
                f.request("plain", "c", Map.of()));
        gpuRunnerBeats();
        long a = f.build("render", "a").orElseThrow().id();
        f.apply(f.started("g1", a, 1));
        assertEquals(new Overview(1, 1, 0, 1), reader.overview("gpu"));
        assertEquals(new Overview(1, 0, 0, 1), reader.overview("default"));
        assertEquals(new Overview(2, 1, 0, 2), reader.overview());
        DashboardResource api = new DashboardResource(reader);
        assertEquals(new Overview(1, 1, 0, 1), api.overview("gpu"));
        assertThrows(IllegalArgumentException.class, () -> api.overview("../x"));
    }
}
