package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.kafka.SparkyAcls;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The broker as an attacker on the machine sees it (every build can reach it): no credential, no entry; the
 * external producers' user can request builds and nothing else; a runner's user cannot request builds; the job
 * queue holds no secret in clear; a build's environment holds no Kafka credential. The services, each with its own
 * user, still do their work (builds run, the UI follows build events).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAclIT {
    private static final String PASSWORD_VALUE = "pw-" + Long.toHexString(System.nanoTime()) + "-typed";

    private SparkyCluster cluster;
    private SparkyApi api;
    private Path home;

    @BeforeAll
    void start() {
        home = ClusterFixture.homeWithExamples("kafka-acl");
        ClusterFixture.project(home, "secretive", """
                allow_manual_run: true
                vars:
                  - name: DEPLOY_KEY
                    type: password
                    default: ""
                """, "#!/usr/bin/env bash\necho '--- env ---'\nenv\n");
        cluster = ClusterFixture.cluster(home, Map.of()).start(1, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private KafkaProducer<String, String> producer(Properties p) {
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        p.put("max.block.ms", "5000");
        p.put("delivery.timeout.ms", "8000");
        p.put("request.timeout.ms", "4000");
        return new KafkaProducer<>(p);
    }

    private KafkaProducer<String, String> producerAs(String user) {
        return producer(cluster.broker().clientProperties(user));
    }

    /** The error a send ends with (the producer reports it either at once or through the future). */
    private static Throwable sendError(KafkaProducer<String, String> p, String topic, String key, String value) {
        try {
            p.send(new ProducerRecord<>(topic, key, value)).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the broker accepted a record on " + topic);
    }

    @Test
    void aClientWithoutCredentialsCannotProduce() {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.broker().bootstrapServers());
        try (KafkaProducer<String, String> anonymous = producer(p)) {
            Throwable e = sendError(
                    anonymous,
                    "sparky.build-requests",
                    "hello",
                    "{\"schemaVersion\":1,\"project\":\"hello\",\"jobId\":\"anonymous-1\"}");
            // A plaintext client gets no answer from the SASL listener: its metadata never arrives.
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, e, String.valueOf(e));
        }
        Properties wrong = cluster.broker().clientProperties(SparkyAcls.PRODUCER);
        wrong.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required " + "username=\""
                        + SparkyAcls.PRODUCER + "\" password=\"guessed\";");
        try (KafkaProducer<String, String> guessing = producer(wrong)) {
            Throwable e = sendError(guessing, "sparky.build-requests", "hello", "{}");
            assertInstanceOf(SaslAuthenticationException.class, e, String.valueOf(e));
        }
        assertEquals(null, api.status("hello", "anonymous-1"), "nothing was requested");
    }

    @Test
    void theExternalProducerRequestsBuildsAndNothingElse() throws Exception {
        try (KafkaProducer<String, String> app = producerAs(SparkyAcls.PRODUCER)) {
            app.send(new ProducerRecord<>(
                            "sparky.build-requests",
                            "hello",
                            "{\"schemaVersion\":1,\"project\":\"hello\",\"jobId\":\"from-app-1\"}"))
                    .get(15, TimeUnit.SECONDS);
            assertEquals(1, api.awaitTerminal("hello", "from-app-1", Duration.ofSeconds(60)), cluster::diagnostics);

            Throwable token = sendError(
                    app,
                    "sparky.build-commands",
                    "api-tokens",
                    "{\"schemaVersion\":1,"
                            + "\"command\":\"create-api-token\",\"tokenId\":\"evil\",\"tokenHash\":\"00\","
                            + "\"actions\":[\"admin\"]}");
            assertInstanceOf(TopicAuthorizationException.class, token, "create-api-token: " + token);
            Throwable forged = sendError(
                    app,
                    "sparky.runner-events",
                    "1",
                    "{\"schemaVersion\":1,"
                            + "\"type\":\"BuildFinished\",\"runnerId\":\"runner-1\",\"buildId\":1,\"attempt\":1,"
                            + "\"outcome\":\"SUCCEEDED\",\"exitCode\":0}");
            assertInstanceOf(TopicAuthorizationException.class, forged, "forged BuildFinished: " + forged);
        }
        Properties p = cluster.broker().clientProperties(SparkyAcls.PRODUCER);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(p)) {
            reader.assign(List.of(new TopicPartition("sparky.jobs", 0)));
            reader.seekToBeginning(reader.assignment());
            assertThrows(
                    TopicAuthorizationException.class,
                    () -> reader.poll(Duration.ofSeconds(5)),
                    "the job queue is the runners' only");
        }
    }

    @Test
    void theUiFollowsBuildEventsWithItsOwnUser() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest events = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/events?project=hello"))
                .build();
        var stream = HttpClient.newHttpClient()
                .sendAsync(events, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    public void onSubscribe(Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    public void onNext(String line) {
                        lines.add(line);
                    }

                    public void onError(Throwable t) {}

                    public void onComplete() {}
                }));
        try {
            Waits.until(
                    Duration.ofSeconds(20),
                    "the events stream's 'ready'",
                    () -> lines.stream().anyMatch(l -> l.contains("ready")) ? true : null);
            String jobId = api.trigger("hello");
            Waits.until(
                    Duration.ofSeconds(60),
                    "a build event of " + jobId + " on the UI's stream",
                    () -> lines.stream().anyMatch(l -> l.contains(jobId)) ? true : null);
        } finally {
            stream.cancel(true);
        }
    }

    @Test
    void aRunnerCannotRequestBuilds() {
        try (KafkaProducer<String, String> runner = producerAs(SparkyAcls.RUNNER)) {
            Throwable e = sendError(
                    runner,
                    "sparky.build-requests",
                    "hello",
                    "{\"schemaVersion\":1,\"project\":\"hello\",\"jobId\":\"from-runner-1\"}");
            assertInstanceOf(TopicAuthorizationException.class, e, String.valueOf(e));
        }
    }

    @Test
    void theJobQueueAndTheBuildHoldNoSecretInClear() throws Exception {
        try (KafkaProducer<String, String> app = producerAs(SparkyAcls.PRODUCER)) {
            app.send(new ProducerRecord<>(
                            "sparky.build-requests",
                            "secretive",
                            "{\"schemaVersion\":1,"
                                    + "\"project\":\"secretive\",\"jobId\":\"sealed-1\",\"params\":{\"DEPLOY_KEY\":\""
                                    + PASSWORD_VALUE + "\"}}"))
                    .get(15, TimeUnit.SECONDS);
        }
        assertEquals(1, api.awaitTerminal("secretive", "sealed-1", Duration.ofSeconds(60)), cluster::diagnostics);
        String log = api.get("/report/raw/secretive/sealed-1").body();
        assertTrue(log.contains("SPARKY_BUILD_ID="), "the script printed its environment: " + log);

        String job = jobRecord("sealed-1");
        assertFalse(job.contains(PASSWORD_VALUE), "password value in clear on sparky.jobs: " + job);
        assertFalse(job.contains("\"apiToken\""), "job token in clear on sparky.jobs: " + job);
        assertTrue(job.contains("\"sealed\":\"v1."), job);

        List<String> secrets = new ArrayList<>(
                load(home.resolve("kafka/credentials/passwords.properties")).values());
        secrets.add(load(home.resolve("keys/job-seal.properties")).get("sparky.job-seal-key"));
        assertEquals(SparkyAcls.CLIENTS.size() + 2, secrets.size());
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a Kafka credential or the seal key reached the build's environment");
        }
        assertFalse(log.contains("sasl.jaas.config") || log.contains("QUARKUS_CONFIG_LOCATIONS"), log);
    }

    /** The RunBuild of a job id, read from sparky.jobs as the operator (admin: the only user besides runners). */
    private String jobRecord(String jobId) {
        Properties p = cluster.broker().adminProperties();
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicPartition jobs = new TopicPartition("sparky.jobs", 0);
            c.assign(List.of(jobs));
            c.seekToBeginning(List.of(jobs));
            return Waits.until(Duration.ofSeconds(20), "the RunBuild of " + jobId + " on sparky.jobs", () -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value().contains("\"jobId\":\"" + jobId + "\"")) {
                        return r.value();
                    }
                }
                return null;
            });
        }
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> out = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
