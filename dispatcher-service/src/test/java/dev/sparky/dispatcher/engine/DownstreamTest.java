package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.OutboxRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** downstream / downstream_on: which ends queue the downstream projects, with what, and only once. */
class DownstreamTest {
    @TempDir
    Path home;

    EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("down", "concurrency: 1\n").project("other", "concurrency: 1\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Runs one build of {@code up} to the outcome; returns the outbox rows written meanwhile. */
    private List<OutboxRow> runUp(String jobId, Outcome outcome) {
        f.apply(f.request("up", jobId, Map.of()));
        long id = f.build("up", jobId).orElseThrow().id();
        f.apply(f.started("r1", id, 1));
        f.drainOutbox();
        f.apply(f.finished("r1", id, 1, outcome, outcome == Outcome.SUCCEEDED ? 0 : 3));
        return f.drainOutbox();
    }

    private static List<BuildRequest> requests(List<OutboxRow> rows) {
        List<BuildRequest> out = new ArrayList<>();
        rows.stream()
                .filter(r -> r.topic().equals(Topics.BUILD_REQUESTS))
                .forEach(r -> out.add(Json.read(r.value(), BuildRequest.class)));
        return out;
    }

    @Test
    void successQueuesEachDownstreamProjectWithSparkysWording() {
        f.project("up", "downstream: [down, other]\n");
        List<BuildRequest> sent = requests(runUp("a", Outcome.SUCCEEDED));
        assertEquals(
                List.of("down", "other"),
                sent.stream().map(BuildRequest::project).toList());
        BuildRequest r = sent.get(0);
        long upId = f.build("up", "a").orElseThrow().id();
        assertEquals("after-" + upId, r.jobId());
        assertEquals("triggered by up@" + upId, r.description());
        assertEquals("downstream", r.source());
        assertEquals("up@" + upId, r.requestedBy());
        assertEquals(upId, r.parentBuildId());
        assertEquals(Map.of(), r.params());
        assertTrue(
                f.syslog(upId).stream().anyMatch(l -> l.endsWith("queued downstream down (job after-" + upId + ")")));
    }

    @Test
    void defaultDownstreamOnIsSuccessOnly() {
        f.project("up", "downstream: down\n");
        assertEquals(List.of(), requests(runUp("failing", Outcome.FAILED)));
        assertEquals(List.of(), requests(runUp("slow", Outcome.TIMED_OUT)));
        assertEquals(1, requests(runUp("fine", Outcome.SUCCEEDED)).size());
    }

    @Test
    void anyFiresOnFailureAndTimeoutButNotOnCancel() {
        f.project("up", "downstream: down\ndownstream_on: any\n");
        assertEquals(1, requests(runUp("failing", Outcome.FAILED)).size());
        assertEquals(1, requests(runUp("slow", Outcome.TIMED_OUT)).size());
        assertEquals(List.of(), requests(runUp("stopped", Outcome.CANCELLED)));
        f.apply(f.request("up", "queued-cancel", Map.of()), f.request("up", "behind", Map.of()));
        f.drainOutbox();
        f.apply(f.cancel("up", "behind"));
        assertEquals(List.of(), requests(f.drainOutbox()), "a build cancelled while queued queues nothing");
    }

    @Test
    void reappliedBatchesMakeOneDownstreamBuild() {
        f.project("up", "downstream: down\n");
        f.apply(f.request("up", "a", Map.of()));
        long upId = f.build("up", "a").orElseThrow().id();
        f.apply(f.started("r1", upId, 1));
        Inbound finish = f.finished("r1", upId, 1, Outcome.SUCCEEDED, 0);
        f.apply(finish);
        f.apply(finish); // the same batch again after a crash before the Kafka commit
        List<OutboxRow> sent = f.drainOutbox().stream()
                .filter(r -> r.topic().equals(Topics.BUILD_REQUESTS))
                .toList();
        assertEquals(1, sent.size(), "the finish applied twice is a no-op the second time");

        // The outbox row sent twice (crash between send and delete) reaches the dispatcher twice.
        OutboxRow row = sent.get(0);
        f.apply(f.record(Topics.BUILD_REQUESTS, row.key(), row.value()));
        f.apply(f.record(Topics.BUILD_REQUESTS, row.key(), row.value()));
        List<BuildRow> downs = f.queries.list("down", null, null, 10).items();
        assertEquals(1, downs.size());
        BuildRow d = downs.get(0);
        assertEquals("after-" + upId, d.jobId());
        assertEquals(upId, d.parentBuildId());
        assertEquals("downstream", d.source());
        assertEquals(BuildState.QUEUED, d.state());
        assertEquals(1, f.metrics.duplicates.get());
    }
}
