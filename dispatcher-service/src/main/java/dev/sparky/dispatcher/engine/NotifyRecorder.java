package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.dispatcher.notify.NotifyPayload;
import dev.sparky.dispatcher.notify.NotifyPlaceholders;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.NotificationRepository;
import dev.sparky.project.ProjectDefinition;
import dev.sparky.project.ProjectDefinition.NotifyHook;
import dev.sparky.project.ProjectDefinition.NotifyOn;
import java.time.Instant;
import java.util.List;

/**
 * Records the notify-hook calls a build's end asks for, in the transaction that makes it terminal, so a
 * crash cannot lose them. The notifier thread sends them after the commit ({@link NotifyRelay}).
 */
final class NotifyRecorder {
    private final NotificationRepository repo;
    private final EngineSettings settings;

    NotifyRecorder(NotificationRepository repo, EngineSettings settings) {
        this.repo = repo;
        this.settings = settings;
    }

    void buildEnded(BuildRow b, BuildState state, String reason, Integer exitCode, long at, ProjectDefinition def) {
        List<NotifyHook> hooks =
                def.notifyHooks().stream().filter(h -> fires(h.on(), state)).toList();
        if (hooks.isEmpty()) {
            return;
        }
        byte[] body = Json.write(new NotifyPayload(
                b.project(),
                b.id(),
                b.jobId(),
                state.wireName(),
                state.sparkyCode(),
                exitCode,
                reason,
                settings.buildUrl(b.id()),
                Instant.ofEpochMilli(at)));
        for (NotifyHook h : hooks) {
            repo.insertNotification(b.id(), NotifyPlaceholders.fill(h.url(), b.project(), b.id(), state), body, at);
        }
    }

    /** FAILURE covers failed and timed out; ANY every end, cancel included. */
    static boolean fires(NotifyOn on, BuildState state) {
        return switch (on) {
            case ANY -> true;
            case SUCCESS -> state == BuildState.SUCCEEDED;
            case FAILURE -> state == BuildState.FAILED || state == BuildState.TIMED_OUT;
        };
    }
}
