package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaProbeTest {
    @Test
    void anUnreachableBrokerIsReportedWithItsAddressOnEveryCheck() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KafkaProbe probe = new KafkaProbe(
                KafkaSettings.of("127.0.0.1:" + closedPort), Clock.systemUTC(), Duration.ofMillis(100))) {
            KafkaProbe.Result first = probe.check();
            assertFalse(first.reachable());
            assertTrue(first.detail().contains("127.0.0.1:" + closedPort), first.detail());
            // Later checks answer from the last result while the next question is asked in the background; the
            // time limit only guards against a hang (how fast a check answers is the benchmark's business).
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int i = 0; i < 20; i++) {
                    KafkaProbe.Result again = probe.check();
                    assertFalse(again.reachable());
                    assertTrue(again.detail().contains("127.0.0.1:" + closedPort), again.detail());
                }
            });
        }
    }
}
