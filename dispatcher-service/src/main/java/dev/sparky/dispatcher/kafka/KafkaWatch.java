package dev.sparky.dispatcher.kafka;

import dev.sparky.kafka.KafkaProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Whether the broker answers, checked in the background. The engine asks it whether leases may be judged:
 * only after Kafka has been reachable for a whole lease, because while it is not (or just after the
 * dispatcher started) missing heartbeats say nothing about the runners.
 */
public final class KafkaWatch implements Runnable {
    private final Supplier<KafkaProbe.Result> probe;
    private final Clock clock;
    private final Duration lease;
    private final Duration interval;
    private volatile KafkaProbe.Result last = new KafkaProbe.Result(false, "Kafka not checked yet");
    private volatile long trustedSince;
    private volatile long assignedSince = Long.MAX_VALUE;
    private volatile boolean running = true;

    public KafkaWatch(Supplier<KafkaProbe.Result> probe, Clock clock, Duration lease, Duration interval) {
        this.probe = probe;
        this.clock = clock;
        this.lease = lease;
        this.interval = interval;
        this.trustedSince = Long.MAX_VALUE;
    }

    /**
     * Probes every {@code interval} until stopped. A poll, not a retry: every probe's answer is kept (a failed
     * one resets the lease clock), so there is no call to repeat until it succeeds and no fault-tolerance policy
     * that would fit.
     */
    @Override
    public void run() {
        while (running) {
            check();
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One probe; public for tests. */
    public void check() {
        KafkaProbe.Result r = probe.get();
        if (!r.reachable()) {
            trustedSince = Long.MAX_VALUE;
        } else if (!last.reachable() || trustedSince == Long.MAX_VALUE) {
            trustedSince = clock.millis();
        }
        last = r;
    }

    /** Call when a Kafka operation of the engine failed: the lease clock starts again. */
    public void distrust() {
        trustedSince = Long.MAX_VALUE;
    }

    /**
     * The engine's consumer got its partitions. Until then (after a dispatcher restart the group may hold them
     * for the old member a while) the runners' heartbeats cannot be read, so their absence proves nothing.
     */
    public void assigned() {
        assignedSince = clock.millis();
    }

    /** The engine's consumer lost or gave up its partitions. */
    public void unassigned() {
        assignedSince = Long.MAX_VALUE;
    }

    public KafkaProbe.Result last() {
        return last;
    }

    public boolean reachable() {
        return last.reachable();
    }

    public boolean leaseChecksAllowed() {
        long since = Math.max(trustedSince, assignedSince);
        return last.reachable() && since != Long.MAX_VALUE && clock.millis() - since >= lease.toMillis();
    }

    public void stop() {
        running = false;
    }
}
