package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The public Kafka contract (docs/kafka-api.md) as another application uses it: a plain producer writes JSON to
 * {@code sparky.build-requests}; invalid records land in the dead-letter topic with a reason; state changes
 * come out on {@code sparky.build-events}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaApiIT {
    private SparkyCluster cluster;
    private SparkyApi api;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        Path home = ClusterFixture.homeWithExamples("kafka");
        cluster = ClusterFixture.cluster(home, Map.of()).start(1, false);
        api = cluster.api();
        producer = ClusterFixture.externalProducer(cluster);
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void send(String key, String json) throws Exception {
        producer.send(new ProducerRecord<>("sparky.build-requests", key, json)).get();
    }

    @Test
    void aRecordFromAnotherApplicationBuildsWithItsParams() throws Exception {
        send(
                "params",
                "{\"schemaVersion\":1,\"project\":\"params\",\"jobId\":\"from-kafka-1\","
                        + "\"description\":\"from an app\",\"params\":{\"TARGET\":\"production\"},\"requestedBy\":\"billing\","
                        + "\"someFutureField\":42}");
        assertEquals(
                1,
                Waits.until(Duration.ofSeconds(60), "build of from-kafka-1", () -> {
                    Integer code = api.status("params", "from-kafka-1");
                    return code != null && code == 1 ? code : null;
                }),
                cluster::diagnostics);
        assertTrue(api.get("/report/raw/params/from-kafka-1").body().contains("Hello, production!"));
        JsonNode build = api.build("params", "from-kafka-1");
        assertEquals("from an app", build.path("description").asText());
        assertEquals("billing", build.path("requestedBy").asText());
    }

    @Test
    void theSameJobIdTwiceMakesOneBuild() throws Exception {
        String req = "{\"schemaVersion\":1,\"project\":\"hello\",\"jobId\":\"dedup-1\"}";
        send("hello", req);
        send("hello", req);
        api.awaitTerminal("hello", "dedup-1", Duration.ofSeconds(60));
        // Room for a (wrong) second build of the same job id to show up.
        Waits.holds(
                Duration.ofMillis(1500),
                "one build of dedup-1",
                () ->
                        api
                                        .get("/api/v1/builds?project=hello&limit=100")
                                        .json()
                                        .path("items")
                                        .findValuesAsText("jobId")
                                        .stream()
                                        .filter("dedup-1"::equals)
                                        .count()
                                == 1);
        JsonNode page = api.get("/api/v1/builds?project=hello&limit=100").json();
        long count = 0;
        for (JsonNode b : page.path("items")) {
            count += "dedup-1".equals(b.path("jobId").asText()) ? 1 : 0;
        }
        assertEquals(1, count, page.toString());
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicWithAReason() throws Exception {
        send("x", "this is not json");
        send("nope", "{\"schemaVersion\":1,\"project\":\"no-such-project\"}");
        send("hello", "{\"schemaVersion\":99,\"project\":\"hello\"}");
        send("bad", "{\"schemaVersion\":1,\"project\":\"../etc\"}");
        List<String> reasons = deadLetterReasons(4);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not a valid")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("no-such-project")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("schemaVersion 99")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("project")), reasons.toString());
        // The dispatcher is still healthy and builds after the poison records.
        assertEquals(1, api.awaitTerminal("hello", api.trigger("hello"), Duration.ofSeconds(60)));
    }

    @Test
    void everyStateChangeIsPublishedOnBuildEvents() {
        String jobId = api.trigger("hello");
        api.awaitTerminal("hello", jobId, Duration.ofSeconds(60));
        List<String> states = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer("events-check")) {
            c.subscribe(List.of("sparky.build-events"));
            Waits.until(Duration.ofSeconds(30), "build events of " + jobId, () -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value().contains("\"jobId\":\"" + jobId + "\"")) {
                        states.add(read(r.value()).path("state").asText());
                    }
                }
                return states.contains("succeeded");
            });
        }
        assertEquals(List.of("queued", "running", "succeeded"), states);
    }

    private List<String> deadLetterReasons(int atLeast) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer("dlq-check")) {
            c.subscribe(List.of("sparky.build-requests.dlq"));
            Waits.until(Duration.ofSeconds(30), atLeast + " dead letters", () -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    var h = r.headers().lastHeader("sparky-dlq-reason");
                    reasons.add(h == null ? "(no reason header)" : new String(h.value(), StandardCharsets.UTF_8));
                }
                return reasons.size() >= atLeast;
            });
        }
        return reasons;
    }

    private KafkaConsumer<String, String> consumer(String group) {
        // Build events and the dead letters are read here as the operator (admin): applications that follow
        // build events get their own ACL (docs/kafka-api.md).
        Properties p = cluster.broker().adminProperties();
        p.put("group.id", group + "-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static JsonNode read(String json) {
        try {
            return dev.sparky.contracts.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
