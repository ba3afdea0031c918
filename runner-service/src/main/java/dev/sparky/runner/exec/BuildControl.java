package dev.sparky.runner.exec;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stop switch of one attempt. A stop command, the timeout or a drain flips it, once: the first request
 * decides the outcome. The executor listens for it while the process runs; once the process ended by itself
 * the switch is sealed and a late request changes nothing.
 */
public final class BuildControl {

    /** Why the attempt must end early and how it will be reported. */
    public record StopRequest(Outcome outcome, String reason) {}

    private StopRequest request;
    private Consumer<StopRequest> listener;
    private boolean sealed;

    /** @return true if this request is the one that counts */
    public boolean requestStop(Outcome outcome, String reason) {
        StopRequest made;
        Consumer<StopRequest> notify;
        synchronized (this) {
            if (request != null || sealed) {
                return false;
            }
            request = new StopRequest(outcome, reason);
            made = request;
            notify = listener;
        }
        if (notify != null) {
            notify.accept(made);
        }
        return true;
    }

    /** Registers the executor's reaction; called at once when a stop was already requested. */
    public void onStop(Consumer<StopRequest> reaction) {
        StopRequest already;
        synchronized (this) {
            listener = reaction;
            already = request;
        }
        if (already != null) {
            reaction.accept(already);
        }
    }

    public synchronized Optional<StopRequest> stopRequest() {
        return Optional.ofNullable(request);
    }

    /** The process ended by itself: from now on a stop request is ignored. */
    public synchronized void seal() {
        sealed = true;
        listener = null;
    }
}
