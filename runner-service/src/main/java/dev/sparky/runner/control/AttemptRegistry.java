package dev.sparky.runner.control;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.runner.exec.BuildControl;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attempt this runner has in hand, and the attempts it was told to stop. Stop commands are remembered
 * (a bounded set, oldest forgotten first) because one may arrive before its job record: that record is then
 * accepted and skipped instead of run.
 */
public final class AttemptRegistry {

    /** The attempt in hand. */
    public record Attempt(long buildId, int attempt, Instant startedAt, BuildControl control) {}

    private record Key(long buildId, int attempt) {}

    private final String runnerId;
    private final Map<Key, StopAttempt> stopped;
    private Attempt current;

    public AttemptRegistry(String runnerId, int remembered) {
        this.runnerId = runnerId;
        this.stopped = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, StopAttempt> eldest) {
                return size() > remembered;
            }
        };
    }

    /** Takes an attempt in hand; its control is already stopped if a stop command named it earlier. */
    public synchronized BuildControl begin(long buildId, int attempt, Instant now) {
        BuildControl control = new BuildControl();
        StopAttempt earlier = stopped.get(new Key(buildId, attempt));
        if (earlier != null) {
            control.requestStop(outcome(earlier), reason(earlier));
        }
        current = new Attempt(buildId, attempt, now, control);
        return control;
    }

    public synchronized void end(BuildControl control) {
        if (current != null && current.control() == control) {
            current = null;
            notifyAll();
        }
    }

    public synchronized Optional<Attempt> current() {
        return Optional.ofNullable(current);
    }

    /** Waits until no attempt is in hand. @return true if idle within the time */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Applies a stop command: ignored when aimed at another runner. */
    public void apply(StopAttempt stop) {
        if (stop.runnerId() != null && !stop.runnerId().equals(runnerId)) {
            return;
        }
        Attempt target;
        synchronized (this) {
            stopped.put(new Key(stop.buildId(), stop.attempt()), stop);
            target = current != null && current.buildId() == stop.buildId() && current.attempt() == stop.attempt()
                    ? current
                    : null;
        }
        if (target != null) {
            target.control().requestStop(outcome(stop), reason(stop));
        }
    }

    public synchronized boolean wasStopped(long buildId, int attempt) {
        return stopped.containsKey(new Key(buildId, attempt));
    }

    static Outcome outcome(StopAttempt stop) {
        return stop.reason() == StopAttempt.Reason.CANCELLED ? Outcome.CANCELLED : Outcome.ABANDONED;
    }

    static String reason(StopAttempt stop) {
        boolean detailed = stop.detail() != null && !stop.detail().isBlank();
        if (stop.reason() == StopAttempt.Reason.CANCELLED) {
            return detailed ? stop.detail() : "cancelled";
        }
        return detailed ? "attempt revoked: " + stop.detail() : "attempt revoked";
    }
}
