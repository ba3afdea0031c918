package dev.sparky.ui.trigger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Accepted job ids are remembered for a while, then forgotten. */
class RecentTriggersTest {
    Instant now = Instant.parse("2026-11-01T10:00:00Z");
    final Clock clock = new Clock() {
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
    void remembersForTheConfiguredTime() {
        RecentTriggers r = new RecentTriggers(clock, Duration.ofMinutes(10));
        r.remember("p", "a");
        now = now.plusSeconds(300);
        r.remember("p", "b");
        assertTrue(r.wasAccepted("p", "a"));
        assertFalse(r.wasAccepted("q", "a"));
        now = now.plusSeconds(301);
        assertFalse(r.wasAccepted("p", "a"));
        assertTrue(r.wasAccepted("p", "b"));
    }

    @Test
    void staysBounded() {
        RecentTriggers r = new RecentTriggers(clock, Duration.ofMinutes(10));
        for (int i = 0; i <= RecentTriggers.MAX_ENTRIES; i++) {
            r.remember("p", "j" + i);
        }
        assertFalse(r.wasAccepted("p", "j0"));
        assertTrue(r.wasAccepted("p", "j" + RecentTriggers.MAX_ENTRIES));
    }
}
