package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.dispatcher.store.OutboxRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each project's builds go to its runner pool's job topic, and only to a pool the dispatcher was given. */
class RunnerPoolRoutingTest {
    @TempDir
    Path home;

    EngineFixture f;

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void start(String... pools) {
        f = new EngineFixture(
                home,
                Instant.parse("2026-01-01T10:00:00Z"),
                EngineSettings.defaults().withPools(List.of(pools)));
    }

    private static List<String> jobTopics(List<OutboxRow> rows) {
        return rows.stream()
                .map(OutboxRow::topic)
                .filter(t -> t.startsWith("sparky.jobs"))
                .toList();
    }

    @Test
    void eachBuildGoesToItsProjectsPoolTopic() {
        start("gpu", "trusted");
        f.project("plain", "concurrency: 1\n");
        f.project("render", "pool: gpu\n");
        f.project("release", "pool: trusted\n");
        f.apply(
                f.request("plain", "a", Map.of()),
                f.request("render", "b", Map.of()),
                f.request("release", "c", Map.of()));
        List<OutboxRow> out = f.drainOutbox();
        assertEquals(Set.of("sparky.jobs", "sparky.jobs.gpu", "sparky.jobs.trusted"), Set.copyOf(jobTopics(out)));
        assertEquals(3, jobTopics(out).size());
        OutboxRow gpuJob = out.stream()
                .filter(r -> r.topic().equals("sparky.jobs.gpu"))
                .findFirst()
                .orElseThrow();
        long render = f.build("render", "b").orElseThrow().id();
        assertEquals(Long.toString(render), gpuJob.key());
        assertEquals("gpu", f.build(render).pool());
        assertEquals("default", f.build("plain", "a").orElseThrow().pool());
        assertTrue(
                f.syslog(render).get(1).endsWith("handed out as attempt 1 to runner pool gpu"),
                f.syslog(render).toString());
    }

    @Test
    void aProjectOnAnUndeclaredPoolStaysQueuedAndTheQueueSaysWhy() {
        start();
        f.project("render", "pool: gpu\n");
        f.apply(f.request("render", "b", Map.of()));
        assertEquals(List.of(), jobTopics(f.drainOutbox()), "no topic, no runner: nothing is sent");
        f.tick(java.time.Duration.ofMinutes(5));
        var b = f.build("render", "b").orElseThrow();
        assertEquals(BuildState.QUEUED, b.state(), "not lost, not failed");
        assertFalse(b.dispatched());

        List<QueueEntry> queue = QueueExplainer.explain(
                f.queries.queued(10),
                f.queries.active(),
                p -> 1,
                p -> "gpu",
                new PoolWaits(Set.of("default"), Set.of("default")));
        assertTrue(
                queue.get(0).reason().startsWith("runner pool gpu is not declared to the dispatcher"),
                queue.get(0).reason());
        assertTrue(
                queue.get(0).reason().contains("SPARKY_RUNNER_POOLS"),
                queue.get(0).reason());
    }

    @Test
    void aBuildMovesOnceItsProjectNamesADeclaredPool() {
        start("gpu");
        f.project("render", "pool: gppu\n");
        f.apply(f.request("render", "b", Map.of()));
        assertEquals(List.of(), jobTopics(f.drainOutbox()));
        f.project("render", "pool: gpu\n");
        f.tick(java.time.Duration.ofSeconds(3));
        assertEquals(List.of("sparky.jobs.gpu"), jobTopics(f.drainOutbox()));
        assertEquals("gpu", f.build("render", "b").orElseThrow().pool());
    }

    @Test
    void aHandedOutBuildWaitsForARunnerOfItsPool() {
        start("gpu");
        f.project("render", "pool: gpu\n");
        f.project("plain", "");
        f.apply(f.request("render", "b", Map.of()), f.request("plain", "a", Map.of()));
        f.drainOutbox();
        PoolWaits onlyDefaultAlive = new PoolWaits(Set.of("default", "gpu"), Set.of("default"));
        List<QueueEntry> queue =
                QueueExplainer.explain(f.queries.queued(10), f.queries.active(), p -> 1, p -> null, onlyDefaultAlive);
        Map<String, String> reasons = new java.util.HashMap<>();
        queue.forEach(e -> reasons.put(e.project(), e.reason()));
        assertEquals(
                Map.of("render", "waiting for a runner in pool gpu", "plain", "waiting for a free runner"), reasons);

        PoolWaits bothAlive = new PoolWaits(Set.of("default", "gpu"), Set.of("default", "gpu"));
        queue = QueueExplainer.explain(f.queries.queued(10), f.queries.active(), p -> 1, p -> null, bothAlive);
        assertTrue(queue.stream().allMatch(e -> e.reason().equals("waiting for a free runner")), queue.toString());
    }

    @Test
    void heartbeatsRecordTheRunnersPool() {
        start("gpu");
        f.apply(
                f.record(
                        dev.sparky.contracts.Topics.RUNNER_EVENTS,
                        "r-gpu",
                        dev.sparky.contracts.Json.write(dev.sparky.contracts.events.RunnerHeartbeat.of(
                                "r-gpu",
                                "h",
                                dev.sparky.contracts.events.RunnerHeartbeat.RunnerState.IDLE,
                                null,
                                null,
                                null,
                                "gpu"))),
                f.heartbeat("r-plain", null, null));
        Map<String, String> pools = new java.util.HashMap<>();
        f.queries.runners().forEach(r -> pools.put(r.runnerId(), r.pool()));
        assertEquals(Map.of("r-gpu", "gpu", "r-plain", "default"), pools);
    }

    @Test
    void codeSentByABuildRunsOnTheSendersPoolNeverOnAnother() {
        start("untrusted");
        f.project("fork-pr", "pool: untrusted\n");
        f.apply(f.request("fork-pr", "a", Map.of()));
        List<OutboxRow> first = f.drainOutbox();
        assertEquals(List.of("sparky.jobs.untrusted"), jobTopics(first));
        long parent = f.build("fork-pr", "a").orElseThrow().id();
        f.apply(f.started("r1", parent, 1));

        // Sparky's POST /queue from that build: the child's project (a spawned one, or a project on the default
        // pool) must not move the sender's code onto the default pool's runners.
        for (String child : List.of("fork-pr.spawned_01", "release")) {
            BuildRequest r = new BuildRequest(
                    SchemaVersion.CURRENT,
                    child,
                    "c-" + child,
                    "sent",
                    Map.of(),
                    "fork-pr@" + parent,
                    SentScenario.SOURCE,
                    parent,
                    new SentScenario("say 'hi';\n", Map.of()));
            f.apply(f.record(Topics.BUILD_COMMANDS, child, Json.write(r)));
            assertEquals(List.of("sparky.jobs.untrusted"), jobTopics(f.drainOutbox()), child);
            assertEquals("untrusted", f.build(child, "c-" + child).orElseThrow().pool(), child);
        }
    }
}
