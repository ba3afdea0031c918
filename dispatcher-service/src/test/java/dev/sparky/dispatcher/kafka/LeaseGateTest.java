package dev.sparky.dispatcher.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.kafka.KafkaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LeaseGateTest {
    private Instant now = Instant.parse("2026-11-28T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void leasesAreJudgedOnlyOneLeaseAfterThePartitionsCameBack() {
        KafkaWatch watch = new KafkaWatch(
                () -> new KafkaProbe.Result(true, "ok"), clock, Duration.ofSeconds(10), Duration.ofSeconds(1));
        LeaseGate gate = new LeaseGate(watch);
        watch.check();
        now = now.plusSeconds(60);
        assertFalse(watch.leaseChecksAllowed(), "a restarted dispatcher without partitions sees no heartbeats");
        gate.onPartitionsAssigned(List.of(new TopicPartition("sparky.runner-events", 0)));
        now = now.plusSeconds(5);
        assertFalse(watch.leaseChecksAllowed(), "the heartbeats waiting in Kafka are read first");
        now = now.plusSeconds(6);
        assertTrue(watch.leaseChecksAllowed());
        gate.onPartitionsLost(List.of(new TopicPartition("sparky.runner-events", 0)));
        assertFalse(watch.leaseChecksAllowed());
    }

    @Test
    void theNotReadyReasonKeepsTheRootCause() {
        Exception e = new IllegalStateException(
                "cannot write the log of build 8 attempt 1",
                new UncheckedIOException(new IOException("No space left on device")));
        String reason = EngineStatus.describe(e);
        assertTrue(reason.contains("cannot write the log of build 8 attempt 1"), reason);
        assertTrue(reason.endsWith("No space left on device"), reason);
        assertEquals("x", EngineStatus.describe(new RuntimeException("x", new RuntimeException("x"))));
    }
}
