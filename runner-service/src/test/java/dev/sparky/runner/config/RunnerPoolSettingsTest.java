package dev.sparky.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparky.contracts.InvalidNameException;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.FakeEvents;
import dev.sparky.runner.lifecycle.HeartbeatSender;
import dev.sparky.runner.lifecycle.RunnerStatus;
import dev.sparky.runner.queue.QueueSetup;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A runner of pool gpu joins the gpu pool's share group and says its pool in every heartbeat. */
class RunnerPoolSettingsTest {
    private final KafkaSettings settings = KafkaSettings.of("127.0.0.1:1");

    @Test
    void aPoolRunnerJoinsItsPoolsShareGroup() {
        Properties p = RunnerKafka.shareConsumer(settings, "r1", "gpu");
        assertEquals("sparky-runners.gpu", p.get("group.id"));
        assertEquals(
                "sparky-runners",
                RunnerKafka.shareConsumer(settings, "r1", "default").get("group.id"));
    }

    @Test
    void heartbeatsCarryThePool() {
        HeartbeatSender plain =
                new HeartbeatSender("r1", "h", new AttemptRegistry("r1", 10), new RunnerStatus(), new FakeEvents());
        assertEquals("default", plain.current().pool());
        HeartbeatSender gpu = new HeartbeatSender(
                        "r2", "h", new AttemptRegistry("r2", 10), new RunnerStatus(), new FakeEvents())
                .withPool("gpu");
        assertEquals("gpu", gpu.current().pool());
    }

    @Test
    void aBadPoolNameStopsTheRunnerAtStart() {
        // SPARKY_RUNNER_POOL=../x or a wildcard would name no topic of its own: refused before any Kafka call.
        assertThrows(
                InvalidNameException.class, () -> new QueueSetup(settings, "../x", java.time.Duration.ofSeconds(1)));
        assertThrows(
                InvalidNameException.class,
                () -> new HeartbeatSender("r", "h", new AttemptRegistry("r", 10), new RunnerStatus(), new FakeEvents())
                        .withPool("*"));
    }
}
