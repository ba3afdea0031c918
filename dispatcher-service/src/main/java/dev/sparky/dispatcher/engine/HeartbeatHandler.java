package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.RunnerRepository;
import dev.sparky.dispatcher.store.RunnerRow;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps the runners table and the leases: a heartbeat renews the attempt its runner owns, and a runner that
 * holds an attempt it does not own (stale, someone else's, or of a finished build) is told to stop.
 */
final class HeartbeatHandler {
    private final BuildAttemptRepository builds;
    private final RunnerRepository runners;
    private final Effects fx;

    HeartbeatHandler(BuildAttemptRepository builds, RunnerRepository runners, Effects fx) {
        this.builds = builds;
        this.runners = runners;
        this.fx = fx;
    }

    void heartbeat(RunnerHeartbeat h) {
        long now = fx.now();
        String state = h.state() == null ? "idle" : h.state().name().toLowerCase(Locale.ROOT);
        runners.upsertRunner(new RunnerRow(
                h.runnerId(),
                h.host(),
                state,
                h.buildId(),
                h.attempt(),
                now,
                h.startedAt() == null ? null : h.startedAt().toEpochMilli(),
                null,
                h.pool()));
        if (h.buildId() == null || h.attempt() == null) {
            return;
        }
        Optional<BuildRow> found = builds.build(h.buildId());
        String why = problem(found, h);
        if (why == null) {
            BuildRow b = found.orElseThrow();
            if (h.runnerId().equals(b.runnerId())) {
                builds.touchAttempt(b.id(), h.attempt(), now);
            }
        } else {
            fx.stop(h.buildId(), h.attempt(), h.runnerId(), StopAttempt.Reason.REVOKED, why);
        }
    }

    /** @return why the runner must not hold this attempt, or null when it may */
    private static String problem(Optional<BuildRow> found, RunnerHeartbeat h) {
        if (found.isEmpty()) {
            return "unknown build " + h.buildId();
        }
        BuildRow b = found.get();
        if (b.terminal()) {
            return "the build is already " + b.state().wireName();
        }
        if (h.attempt() != b.attempt()) {
            return "attempt " + h.attempt() + " is stale (current attempt " + b.attempt() + ")";
        }
        if (b.runnerId() == null) {
            // Heartbeats travel on another partition than BuildStarted: the start may still be on its way.
            return b.dispatched() ? null : "attempt " + h.attempt() + " is no longer handed out";
        }
        return h.runnerId().equals(b.runnerId())
                ? null
                : "attempt " + h.attempt() + " belongs to runner " + b.runnerId();
    }
}
