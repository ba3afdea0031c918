package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaProbeTest {
    @Test
    void anUnreachableBrokerIsReportedFastAndWithItsAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KafkaProbe probe = new KafkaProbe(KafkaSettings.of("127.0.0.1:" + closedPort), Clock.systemUTC(),
                Duration.ofMillis(100))) {
            long start = System.nanoTime();
            KafkaProbe.Result first = probe.check();
            assertFalse(first.reachable());
            assertTrue(first.detail().contains("127.0.0.1:" + closedPort), first.detail());
            for (int i = 0; i < 20; i++) {
                assertFalse(probe.check().reachable());
                Thread.sleep(50);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2 * KafkaProbe.ANSWER_WITHIN.toMillis() + 2000,
                    "checks never block for long: " + millis + " ms for 21 checks");
        }
    }
}
