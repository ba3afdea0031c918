package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicWaitTest {
    /** A clock that moves one second each time it is read, so the bound is reached without real waiting. */
    private static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static TopicWait waitOn(TopicWait.TopicLister lister, Duration timeout) {
        return new TopicWait(lister, "broker:9092", timeout, Duration.ZERO, new TickingClock());
    }

    @Test
    void returnsOnceTheDispatcherHasCreatedTheTopics() {
        Deque<Set<String>> answers = new ArrayDeque<>(
                List.of(Set.of(), Set.of("sparky.jobs"), Set.of("sparky.jobs", "sparky.runner-control")));
        TopicWait wait = waitOn(answers::pop, Duration.ofMinutes(1));
        assertTrue(wait.await(List.of("sparky.jobs", "sparky.runner-control"), () -> false));
        assertTrue(answers.isEmpty(), "asked until both existed");
    }

    @Test
    void givesUpAfterTheBoundNamingTheMissingTopic() {
        TopicWait wait = waitOn(() -> Set.of("sparky.jobs", "sparky.runner-events"), Duration.ofSeconds(10));
        var e = assertThrows(
                TopicWait.TopicsMissingException.class,
                () -> wait.await(List.of("sparky.jobs.gpu", "sparky.runner-events"), () -> false));
        assertEquals(List.of("sparky.jobs.gpu"), e.missing());
        assertTrue(e.getMessage().contains("topic sparky.jobs.gpu missing on Kafka broker:9092"), e.getMessage());
        assertTrue(e.getMessage().contains("SPARKY_RUNNER_POOLS"), e.getMessage());
    }

    @Test
    void anUnreachableBrokerIsReportedAsSuchWhenTheBoundRunsOut() {
        TopicWait wait = waitOn(
                () -> {
                    throw new java.util.concurrent.TimeoutException("no answer");
                },
                Duration.ofSeconds(5));
        var e = assertThrows(
                TopicWait.TopicsMissingException.class,
                () -> wait.await(List.of("sparky.build-requests"), () -> false));
        assertTrue(e.getMessage().startsWith("Kafka broker:9092 did not answer within 5 s"), e.getMessage());
        assertEquals(List.of("sparky.build-requests"), e.missing());
    }

    @Test
    void stopsWithoutAnErrorWhenTheServiceStops() {
        TopicWait wait = waitOn(Set::of, Duration.ofDays(1));
        assertFalse(wait.await(List.of("sparky.jobs"), () -> true));
    }
}
