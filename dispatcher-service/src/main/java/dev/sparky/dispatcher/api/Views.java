package dev.sparky.dispatcher.api;

import dev.sparky.contracts.api.AttemptView;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.RunnerView;
import dev.sparky.dispatcher.store.AttemptRow;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.RunnerRow;
import java.time.Instant;
import java.util.List;

/** Rows to the shared API records. */
final class Views {
    private Views() {}

    static BuildView build(BuildRow b, List<AttemptRow> attempts, long now) {
        return build(b, attempts, now, null);
    }

    /** @param poolWait why the build waits when its runner pool is the reason (PoolWaits), else null */
    static BuildView build(BuildRow b, List<AttemptRow> attempts, long now, String poolWait) {
        Long duration = BuildView.durationMillis(b.startedAt(), b.finishedAt(), now);
        return new BuildView(
                b.id(),
                b.project(),
                b.jobId(),
                b.description(),
                b.state(),
                b.state().sparkyCode(),
                poolWait != null && b.reason() == null ? poolWait : reason(b),
                b.params(),
                b.requestedBy(),
                b.source(),
                b.parentBuildId(),
                b.attempt(),
                b.runnerId(),
                b.exitCode(),
                instant(b.queuedAt()),
                instant(b.startedAt()),
                instant(b.finishedAt()),
                duration,
                b.logBytes(),
                attempts.stream().map(Views::attempt).toList(),
                b.pool());
    }

    private static String reason(BuildRow b) {
        if (b.reason() == null && b.dispatched()) {
            return "waiting for a free runner";
        }
        if (b.reason() == null && b.cancelRequested() && !b.terminal()) {
            return "cancel requested";
        }
        return b.reason();
    }

    static AttemptView attempt(AttemptRow a) {
        return new AttemptView(
                a.attempt(),
                a.runnerId(),
                a.state(),
                instant(a.startedAt()),
                instant(a.finishedAt()),
                a.exitCode(),
                a.logBytes(),
                a.reason());
    }

    /** @param lostBefore runners last heard from before this are shown as lost */
    static RunnerView runner(RunnerRow r, long lostBefore) {
        boolean lost = r.lastSeen() < lostBefore && !"stopped".equals(r.state());
        return new RunnerView(
                r.runnerId(),
                r.host(),
                lost ? "lost" : r.state(),
                r.buildId(),
                r.attempt(),
                r.project(),
                instant(r.lastSeen()),
                instant(r.startedAt()),
                r.pool());
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
