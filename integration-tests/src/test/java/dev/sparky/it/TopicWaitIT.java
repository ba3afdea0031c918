package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.kafka.KafkaProbe;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.kafka.SparkyAcls;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.kafka.TopicBootstrap;
import dev.sparky.kafka.TopicWait;
import dev.sparky.testkit.KafkaBroker;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shared wait for topics and the readiness probe on a real broker with Sparky's users and ACLs: a runner told
 * about a pool the dispatcher has not created says which topic is missing, finds it once the dispatcher's user has
 * created the layout, and a runner of another pool never sees it (its Kafka user may not).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicWaitIT {
    private KafkaBroker broker;

    @BeforeAll
    void start() throws IOException {
        broker = KafkaBroker.onThisClasspath(Files.createTempDirectory("sparky-it-topic-wait"), List.of("gpu"))
                .start();
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private KafkaSettings as(String user) {
        Properties p = broker.clientProperties(user);
        Map<String, String> common = new HashMap<>();
        p.stringPropertyNames().stream()
                .filter(k -> !k.equals("bootstrap.servers"))
                .forEach(k -> common.put(k, p.getProperty(k)));
        return new KafkaSettings(broker.bootstrapServers(), common);
    }

    @Test
    @Order(1)
    void aRunnerSaysWhichTopicIsMissingBeforeTheDispatcherCreatedIt() {
        KafkaSettings gpuRunner = as(RunnerPools.kafkaUser("gpu"));
        List<String> topics = SparkyTopics.runner("gpu").names();
        var e = assertThrows(
                TopicWait.TopicsMissingException.class,
                () -> TopicWait.on(gpuRunner, Duration.ofSeconds(3)).await(topics, () -> false));
        assertEquals(topics, e.missing());
        assertTrue(e.getMessage().contains("sparky.jobs.gpu"), e.getMessage());

        try (KafkaProbe probe = new KafkaProbe(gpuRunner, Clock.systemUTC(), Duration.ZERO, topics)) {
            KafkaProbe.Result r = Waits.until(Duration.ofSeconds(30), "the probe's first answer", () -> {
                KafkaProbe.Result answer = probe.check();
                return answer.detail().contains("unreachable") ? null : answer;
            });
            assertFalse(r.reachable(), r.detail());
            assertTrue(r.detail().contains("sparky.jobs.gpu") && r.detail().contains("dispatcher"), r.detail());
        }
    }

    @Test
    @Order(2)
    void onceTheDispatcherCreatedTheLayoutTheRunnerFindsItsTopics() {
        TopicBootstrap.ensure(as(SparkyAcls.DISPATCHER), (short) 1, SparkyTopics.all(List.of("gpu")));
        KafkaSettings gpuRunner = as(RunnerPools.kafkaUser("gpu"));
        List<String> topics = SparkyTopics.runner("gpu").names();
        assertTrue(TopicWait.on(gpuRunner, Duration.ofSeconds(30)).await(topics, () -> false));
        try (KafkaProbe probe = new KafkaProbe(gpuRunner, Clock.systemUTC(), Duration.ZERO, topics)) {
            KafkaProbe.Result r = Waits.until(Duration.ofSeconds(30), "the probe to see the topics", () -> {
                KafkaProbe.Result answer = probe.check();
                return answer.reachable() ? answer : null;
            });
            assertTrue(r.detail().contains("broker"), r.detail());
        }
    }

    @Test
    @Order(3)
    void aDefaultRunnerNeverSeesTheGpuPoolsJobTopic() {
        KafkaSettings defaultRunner = as(SparkyAcls.RUNNER);
        assertTrue(TopicWait.on(defaultRunner, Duration.ofSeconds(30))
                .await(SparkyTopics.runner(RunnerPools.DEFAULT).names(), () -> false));
        var e = assertThrows(
                TopicWait.TopicsMissingException.class,
                () -> TopicWait.on(defaultRunner, Duration.ofSeconds(3))
                        .await(List.of(SparkyTopics.jobs("gpu")), () -> false));
        assertEquals(List.of("sparky.jobs.gpu"), e.missing(), e.getMessage());
    }
}
