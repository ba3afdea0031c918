package dev.sparky.contracts.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, so that leases, retries, caches and schedules are tested without waiting. Shared
 * by the services' tests through the contracts' test jar ({@code sparky-contracts}, type {@code test-jar}).
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** A clock at a fixed, arbitrary instant. */
    public MutableClock() {
        this(Instant.parse("2026-11-01T10:00:00Z"));
    }

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void set(Instant t) {
        now = t;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
