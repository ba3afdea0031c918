package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.api.QueueEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue page says why each build waits. */
class QueueExplainerTest {
    @TempDir
    Path home;

    EngineFixture f;

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void reasonsForHandedOutFirstWaitingAndTheRest() {
        f = new EngineFixture(home);
        f.project("hello", "concurrency: 1\n");
        f.apply(
                f.request("hello", "a", Map.of()),
                f.request("hello", "b", Map.of()),
                f.request("hello", "c", Map.of()));
        long a = EngineFixture.jobs(f.drainOutbox()).get(0).buildId();
        long b = f.build("hello", "b").orElseThrow().id();

        List<QueueEntry> queue = QueueExplainer.explain(f.queries.queued(100), f.queries.active(), p -> 1);
        assertEquals(
                List.of(
                        "waiting for a free runner",
                        "project concurrency 1 reached: build " + a + " handed out",
                        "behind build " + b + " of the same project"),
                queue.stream().map(QueueEntry::reason).toList());
        assertEquals(List.of(0, 1, 2), queue.stream().map(QueueEntry::position).toList());

        f.apply(f.started("r1", a, 1));
        queue = QueueExplainer.explain(f.queries.queued(100), f.queries.active(), p -> 1);
        assertEquals(
                "project concurrency 1 reached: build " + a + " running",
                queue.get(0).reason());
    }
}
