package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Poison inputs (docs/failure-modes.md): malformed and future-version records on the internal topics
 * {@code sparky.runner-events} and {@code sparky.build-commands} are logged and skipped while the dispatcher
 * goes on; a build printing invalid UTF-8 keeps its bytes; a 100 MB line without a newline ends, its log is
 * there (capped), and the API stays fast meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonInputIT {
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final byte[] INVALID_UTF8 = {
        'b', 'e', 'f', 'o', 'r', 'e', ' ', (byte) 0xff, (byte) 0xfe, ' ', (byte) 0xc3, '(', ' ', 'a', 'f', 't', 'e', 'r'
    };
    private final HttpClient http = HttpClient.newHttpClient();
    private SparkyCluster cluster;
    private SparkyApi api;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void start() {
        var home = ClusterFixture.homeWithExamples("poison");
        ClusterFixture.project(
                home,
                "ticking",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\nfor i in $(seq 1 8); do echo \"tick $i\"; sleep 1; done\n");
        ClusterFixture.project(
                home,
                "binary",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\nprintf 'before \\377\\376 \\303( after\\n'\n");
        ClusterFixture.project(
                home,
                "hugeline",
                "allow_manual_run: true\n",
                "#!/usr/bin/env bash\nhead -c 104857600 /dev/zero | tr '\\0' x\n");
        cluster = ClusterFixture.cluster(home, Map.of("SPARKY_DISPATCHER_LEASE", "5s"))
                .start(1, false);
        api = cluster.api();
        // Poison from inside (a broken runner or UI): written as the broker's admin, which may write any topic.
        Properties p = cluster.broker().adminProperties();
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        producer = new KafkaProducer<>(p);
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

    @Test
    void poisonRunnerEventsAndCommandsAreSkippedAndTheDispatcherGoesOn() throws Exception {
        String jobId = api.trigger("ticking");
        api.awaitStatus("ticking", jobId, Set.of(0), LONG);
        JsonNode running = api.build("ticking", jobId);
        long buildId = running.path("id").asLong();
        String runner = running.path("runnerId").asText();
        String key = Long.toString(buildId);
        send("sparky.runner-events", key, "this is not json");
        send("sparky.runner-events", key, "{}");
        send(
                "sparky.runner-events",
                key,
                "{\"schemaVersion\":1,\"type\":\"NoSuchEvent\",\"runnerId\":\"" + runner + "\"}");
        send("sparky.runner-events", key, "{\"schemaVersion\":1,\"type\":\"LogChunk\",\"buildId\":\"many\"}");
        // A newer version claiming the running build failed, and a heartbeat: both must change nothing.
        send(
                "sparky.runner-events",
                key,
                future(
                        BuildFinished.of(runner, buildId, 1, BuildFinished.Outcome.FAILED, 9, 0, "exit code 9"),
                        "BuildFinished"));
        send(
                "sparky.runner-events",
                runner,
                future(
                        RunnerHeartbeat.of(runner, "elsewhere", RunnerHeartbeat.RunnerState.IDLE, null, null, null),
                        "RunnerHeartbeat"));
        send("sparky.build-commands", "ticking", "{not json at all");
        send("sparky.build-commands", "ticking", "{\"schemaVersion\":1}");
        send("sparky.build-commands", "ticking", future(CancelBuild.of("ticking", jobId, "mallory"), null));

        assertEquals(1, api.awaitTerminal("ticking", jobId, LONG), cluster::diagnostics);
        JsonNode done = api.build("ticking", jobId);
        assertEquals(1, done.path("attempt").asInt(), done.toString());
        assertEquals(0, done.path("exitCode").asInt(), done.toString());
        assertEquals(200, cluster.dispatcher().readyStatus());
        String log = Files.readString(cluster.dispatcher().process().logFile());
        assertTrue(log.contains("skipped record sparky.runner-events"), "skips are logged");
        assertTrue(log.contains("skipped record sparky.build-commands"), "skips are logged");
        assertTrue(log.contains("schemaVersion 99"), "the future version is named in the log");
        assertEquals(1, api.awaitTerminal("hello", api.trigger("hello"), Duration.ofSeconds(60)));
    }

    @Test
    void aBuildPrintingInvalidUtf8KeepsItsBytes() throws Exception {
        String jobId = api.trigger("binary");
        assertEquals(1, api.awaitTerminal("binary", jobId, LONG), cluster::diagnostics);
        long id = api.build("binary", jobId).path("id").asLong();
        byte[] log = http.send(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/builds/" + id + "/log"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertTrue(
                indexOf(log, INVALID_UTF8) >= 0,
                "the bytes as printed: " + new String(log, StandardCharsets.ISO_8859_1));
        // The whole log of a finished build is sent from its file: the same bytes, unchanged.
        HttpResponse<byte[]> raw = http.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/report/raw/binary/" + jobId))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, raw.statusCode());
        assertTrue(
                indexOf(raw.body(), INVALID_UTF8) >= 0,
                "the whole log's bytes as printed: " + new String(raw.body(), StandardCharsets.ISO_8859_1));
        assertEquals(200, api.get("/builds/" + id).status(), "the report page renders");
    }

    @Test
    void aHundredMegabyteLineWithoutNewlineEndsAndTheApiStaysFast() throws Exception {
        String jobId = api.trigger("hugeline");
        long slowest = 0;
        Integer code = null;
        long end = System.nanoTime() + LONG.toNanos();
        while ((code == null || code == -2 || code == 0) && System.nanoTime() < end) {
            long t0 = System.nanoTime();
            assertEquals(200, api.get("/api/v1/overview").status());
            code = api.status("hugeline", jobId);
            slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
            Waits.sleep(250);
        }
        assertEquals(1, code, cluster::diagnostics);
        assertTrue(
                slowest < 2000, "overview and status answered within 2 s while the line streamed: " + slowest + " ms");
        long id = api.build("hugeline", jobId).path("id").asLong();
        HttpResponse<Void> head = http.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/builds/" + id + "/log?limit=1"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        long size = Long.parseLong(head.headers().firstValue("X-Log-Size").orElse("0"));
        assertTrue(size >= 50L * 1024 * 1024, "the log is there up to the 50 MB cap: " + size);
        String tail =
                api.get("/api/v1/builds/" + id + "/log?offset=" + (size - 300)).body();
        assertTrue(tail.contains("log truncated"), "the cap is marked: " + tail);
        assertTrue(tail.startsWith("xxx"), tail);
    }

    private void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    /** The record as JSON with schemaVersion 99 (and its event type, for runner events). */
    private static String future(Object record, String type) {
        ObjectNode n = Json.mapper().valueToTree(record);
        n.put("schemaVersion", 99);
        if (type != null) {
            n.put("type", type);
        }
        return n.toString();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
