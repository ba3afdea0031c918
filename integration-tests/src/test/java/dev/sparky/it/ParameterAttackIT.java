package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Build parameters as an attacker who may trigger builds uses them, against real processes: a name the shell,
 * the linker or a runtime reads at start is refused at the door (400 from the form, dead letter from Kafka) and
 * no build exists; a value that looks like code reaches the script verbatim and never runs; a parameter named
 * like the project's own env is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParameterAttackIT {
    private static final String SCRIPT = """
            #!/usr/bin/env bash
            printf 'target=%s\\n' "$TARGET"
            printf 'params-file=%s\\n' "$(cat "$SPARKY_PARAMS_FILE")"
            printf 'greeting=%s\\n' "$GREETING"
            """;

    private Path home;
    private SparkyCluster cluster;
    private SparkyApi api;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        home = ClusterFixture.homeWithExamples("params-attack");
        ClusterFixture.project(home, "target", "allow_manual_run: true\n", SCRIPT);
        ClusterFixture.project(home, "values", "allow_manual_run: true\n", SCRIPT);
        ClusterFixture.project(home, "greeter", "allow_manual_run: true\nenv:\n  GREETING: from-the-project\n", SCRIPT);
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

    private Path marker(String name) {
        return home.resolve("pwned-" + name);
    }

    /** (a) The form of /build-with-tags: every start-up name is refused with its rule, and nothing is queued. */
    @Test
    void startUpNamesFromTheFormAre400AndNoBuildExists() {
        Path pwned = marker("form");
        Map<String, String> attacks = Map.of(
                "BASH_ENV", "$(touch " + pwned + ")",
                "LD_PRELOAD", pwned + ".so",
                "PATH", home.toString(),
                "BASH_FUNC_x%%", "() { touch " + pwned + "; }");
        attacks.forEach((name, value) -> {
            Answer a = api.postForm(
                    "/build-with-tags/project/target",
                    "tags=" + URLEncoder.encode(name + "=" + value, StandardCharsets.UTF_8));
            assertEquals(400, a.status(), a.body());
            assertTrue(a.body().contains("parameter '" + name + "' refused: "), a.body());
            assertTrue(a.body().trim().endsWith("; rename it"), a.body());
        });
        Answer bashEnv = api.postForm(
                "/build-with-tags/project/target",
                "tags=" + URLEncoder.encode("BASH_ENV=$(id >&2)", StandardCharsets.UTF_8));
        assertEquals(
                "parameter 'BASH_ENV' refused: names the shell reads at start-up (BASH_ENV, ENV, BASH_*,"
                        + " SHELLOPTS, BASHOPTS, PS1-PS4, PROMPT_COMMAND, IFS, CDPATH, GLOBIGNORE, HISTFILE, INPUTRC, ZDOTDIR,"
                        + " ...) cannot be parameters; rename it",
                bashEnv.body().trim());
        Answer api1 = api.postJson("/api/v1/projects/target/builds", Map.of("params", Map.of("LD_PRELOAD", "x.so")));
        assertEquals(400, api1.status(), api1.body());
        assertTrue(api1.json().path("detail").asText().startsWith("parameter 'LD_PRELOAD' refused: "), api1.body());

        // A build requested after the refusals is the project's only one: none of them was queued.
        String ok = api.postForm("/build-with-tags/project/target", "tags=TARGET%3Dok")
                .body()
                .trim();
        assertEquals(1, api.awaitTerminal("target", ok, Duration.ofSeconds(60)), cluster::diagnostics);
        JsonNode builds =
                api.get("/api/v1/builds?project=target&limit=100").json().path("items");
        assertEquals(1, builds.size(), builds.toString());
        assertFalse(Files.exists(pwned));
    }

    /** (b) A BuildRequest produced straight to Kafka with BASH_ENV ends in the dead-letter topic; no build runs. */
    @Test
    void aKafkaRequestWithBashEnvIsDeadLetteredAndNeverRuns() throws Exception {
        Path pwned = marker("kafka");
        send(
                "target",
                Map.of(
                        "schemaVersion",
                        1,
                        "project",
                        "target",
                        "jobId",
                        "kafka-bash-env",
                        "params",
                        Map.of("BASH_ENV", "$(touch " + pwned + ")", "TARGET", "x")));
        send(
                "greeter",
                Map.of(
                        "schemaVersion",
                        1,
                        "project",
                        "greeter",
                        "jobId",
                        "kafka-greeting",
                        "params",
                        Map.of("GREETING", "from-kafka")));
        List<String> reasons = deadLetterReasons(r -> r.contains("kafka-bash-env") || r.contains("kafka-greeting"), 2);
        assertTrue(
                reasons.stream()
                        .anyMatch(r -> r.startsWith(
                                "build request: parameter 'BASH_ENV' refused:" + " names the shell reads at start-up")),
                reasons.toString());
        assertTrue(
                reasons.stream()
                        .anyMatch(r -> r.startsWith("build request: parameter 'GREETING' refused: the"
                                + " project sets GREETING in sparky.yaml env:")),
                reasons.toString());
        // A good request behind it on the same key is applied after it: by then the bad one is long decided.
        send(
                "target",
                Map.of(
                        "schemaVersion",
                        1,
                        "project",
                        "target",
                        "jobId",
                        "kafka-after",
                        "params",
                        Map.of("TARGET", "x")));
        assertEquals(1, api.awaitTerminal("target", "kafka-after", Duration.ofSeconds(60)), cluster::diagnostics);
        assertNull(api.status("target", "kafka-bash-env"), "no build for the refused request");
        assertNull(api.status("greeter", "kafka-greeting"), "no build for the refused request");
        assertFalse(Files.exists(pwned));
    }

    /** (c) A value that looks like code is data: the script prints it verbatim, the params file holds it. */
    @Test
    void aDangerousValueReachesTheScriptVerbatimAndNeverRuns() throws Exception {
        Path pwned = marker("value");
        String value = "$(touch " + pwned + ") `touch " + pwned + "`\nsecond line; touch " + pwned;
        Answer a = api.postJson("/api/v1/projects/values/builds", Map.of("params", Map.of("TARGET", value)));
        assertEquals(202, a.status(), a.body());
        String jobId = a.json().path("jobId").asText();
        assertEquals(1, api.awaitTerminal("values", jobId, Duration.ofSeconds(60)), cluster::diagnostics);
        String log = api.get("/report/raw/values/" + jobId).body();
        assertTrue(log.contains("target=" + value + "\n"), log);
        String file = new String(Json.write(Map.of("TARGET", value)), StandardCharsets.UTF_8);
        assertTrue(log.contains("params-file=" + file + "\n"), log);
        assertFalse(Files.exists(pwned), "the value was evaluated:\n" + log);
    }

    /** (d) A parameter named like the project's env: entry is refused; the project's value is what builds see. */
    @Test
    void aParameterNamedLikeTheProjectsEnvIsRefused() {
        Answer form = api.postForm("/build-with-tags/project/greeter", "tags=GREETING%3Dpwned");
        assertEquals(400, form.status(), form.body());
        assertEquals(
                "parameter 'GREETING' refused: the project sets GREETING in sparky.yaml env:, and a parameter"
                        + " cannot override it; rename it",
                form.body().trim());
        Answer json = api.postJson("/api/v1/projects/greeter/builds", Map.of("params", Map.of("GREETING", "pwned")));
        assertEquals(400, json.status(), json.body());
        assertTrue(json.json().path("detail").asText().startsWith("parameter 'GREETING' refused"), json.body());
        String ok = api.trigger("greeter");
        assertEquals(1, api.awaitTerminal("greeter", ok, Duration.ofSeconds(60)), cluster::diagnostics);
        assertTrue(api.get("/report/raw/greeter/" + ok).body().contains("greeting=from-the-project\n"));
    }

    private void send(String key, Map<String, Object> request) throws Exception {
        producer.send(new ProducerRecord<>(
                        "sparky.build-requests", key, new String(Json.write(request), StandardCharsets.UTF_8)))
                .get();
    }

    /** Reasons of the dead letters whose record value matches, once {@code atLeast} of them are there. */
    private List<String> deadLetterReasons(java.util.function.Predicate<String> value, int atLeast) {
        List<String> reasons = new ArrayList<>();
        // The dead letters are read as the operator (admin).
        Properties p = cluster.broker().adminProperties();
        p.put("group.id", "dlq-check-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of("sparky.build-requests.dlq"));
            Waits.until(Duration.ofSeconds(30), atLeast + " dead letters", () -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    var h = r.headers().lastHeader("sparky-dlq-reason");
                    if (value.test(r.value())) {
                        reasons.add(h == null ? "(no reason header)" : new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
                return reasons.size() >= atLeast;
            });
        }
        return reasons;
    }
}
