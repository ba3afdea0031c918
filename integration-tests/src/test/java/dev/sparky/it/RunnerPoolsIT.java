package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.kafka.SparkyAcls;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two runner pools on a real broker: a project on pool gpu is not taken by the default pool's runner (it stays
 * queued and the API and pages say it waits for a runner in pool gpu) and runs once a gpu runner starts; a default
 * project still runs on the default runner; a default runner's Kafka user cannot read the gpu pool's jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerPoolsIT {
    private SparkyCluster cluster;
    private SparkyApi api;
    private String renderJob;

    @BeforeAll
    void start() {
        Path home = ClusterFixture.homeWithExamples("runner-pools");
        ClusterFixture.project(
                home,
                "render",
                "allow_manual_run: true\npool: gpu\n",
                "#!/usr/bin/env bash\necho rendered on $SPARKY_RUNNER_ID\n");
        ClusterFixture.project(home, "plain", "allow_manual_run: true\n", "#!/usr/bin/env bash\necho plain\n");
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_RUNNER_POOLS", "gpu"))
                .start(1, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aGpuBuildWaitsForAGpuRunnerWhileDefaultBuildsRun() {
        renderJob = api.trigger("render");
        JsonNode waiting = Waits.until(Duration.ofSeconds(30), "render handed out to pool gpu", () -> {
            SparkyApi.Answer a = api.get("/api/v1/projects/render/jobs/" + renderJob);
            if (a.status() != 200) {
                return null; // accepted, not read by the dispatcher yet
            }
            JsonNode b = a.json();
            return "waiting for a runner in pool gpu".equals(b.path("reason").asText()) ? b : null;
        });
        assertEquals("gpu", waiting.path("pool").asText(), waiting.toString());

        // The default runner is alive and takes default work meanwhile...
        String plainJob = api.trigger("plain");
        assertEquals(1, api.awaitTerminal("plain", plainJob, Duration.ofSeconds(60)), cluster::diagnostics);
        JsonNode plain = api.build("plain", plainJob);
        assertEquals("default", plain.path("pool").asText());
        assertEquals("runner-1", plain.path("runnerId").asText());

        // ...but never the gpu build, which is still queued and not lost.
        JsonNode still = api.build("render", renderJob);
        assertEquals("queued", still.path("state").asText(), still.toString());
        assertEquals(0, still.path("attempts").size(), still.toString());
        assertEquals("waiting for a runner in pool gpu", still.path("reason").asText());

        JsonNode queue = api.get("/api/v1/queue").json();
        JsonNode entry = null;
        for (JsonNode e : queue) {
            if (e.path("jobId").asText().equals(renderJob)) {
                entry = e;
            }
        }
        assertEquals(
                "waiting for a runner in pool gpu",
                entry == null ? null : entry.path("reason").asText(),
                queue.toString());
        SparkyApi.Answer page = api.get("/queue");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("waiting for a runner in pool gpu"), "the queue page says why");
        SparkyApi.Answer buildPage = api.get("/builds/" + still.path("id").asLong());
        assertEquals(200, buildPage.status(), buildPage.body());
        assertTrue(buildPage.body().contains("waiting for a runner in pool gpu"), "the build page says why");
    }

    @Test
    @Order(2)
    void aDefaultRunnersCredentialsCannotReadTheGpuPoolsJobs() {
        Properties asDefault = reader(SparkyAcls.RUNNER);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(asDefault)) {
            c.assign(List.of(new TopicPartition("sparky.jobs.gpu", 0)));
            c.seekToBeginning(c.assignment());
            assertInstanceOf(
                    TopicAuthorizationException.class,
                    refusal(c::poll),
                    "the gpu pool's queue is the gpu runners' only");
        }
        // Joining the gpu pool's share group as the default runner is refused too.
        Properties share = reader(SparkyAcls.RUNNER);
        share.put("group.id", "sparky-runners.gpu");
        try (KafkaShareConsumer<String, String> c = new KafkaShareConsumer<>(share)) {
            c.subscribe(List.of("sparky.jobs.gpu"));
            RuntimeException e = refusal(c::poll);
            assertTrue(
                    e instanceof GroupAuthorizationException || e instanceof TopicAuthorizationException,
                    String.valueOf(e));
        }
        // And the other way round: a gpu runner's user cannot read the default pool's jobs.
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(reader("sparky-runner-gpu"))) {
            c.assign(List.of(new TopicPartition("sparky.jobs", 0)));
            c.seekToBeginning(c.assignment());
            RuntimeException e = refusal(c::poll);
            assertInstanceOf(TopicAuthorizationException.class, e, String.valueOf(e));
        }
        assertEquals("queued", api.build("render", renderJob).path("state").asText(), "the attempts took nothing");
    }

    @Test
    @Order(3)
    void aGpuRunnerTakesTheGpuBuild() {
        cluster.addRunner("gpu");
        assertEquals(1, api.awaitTerminal("render", renderJob, Duration.ofSeconds(60)), cluster::diagnostics);
        JsonNode done = api.build("render", renderJob);
        assertEquals("gpu", done.path("pool").asText());
        assertTrue(done.path("runnerId").asText().startsWith("runner-gpu-"), done.toString());
        JsonNode runners = api.get("/api/v1/runners").json();
        assertTrue(runners.toString().contains("\"pool\":\"gpu\""), runners.toString());
    }

    /**
     * Polls until the broker refuses (the refusal may come with the first metadata answer or a few polls later),
     * failing if a poll returns any job: that would be the breach. Bounded: 15 polls of up to 2 s.
     */
    private static RuntimeException refusal(Function<Duration, ? extends Iterable<?>> poll) {
        for (int i = 0; i < 15; i++) {
            try {
                Iterable<?> got = poll.apply(Duration.ofSeconds(2));
                assertFalse(got.iterator().hasNext(), "read a job of another runner pool");
            } catch (TopicAuthorizationException | GroupAuthorizationException e) {
                return e;
            }
        }
        throw new AssertionError("the broker neither refused nor answered within 15 polls");
    }

    private Properties reader(String user) {
        Properties p = cluster.broker().clientProperties(user);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return p;
    }
}
