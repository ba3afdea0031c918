package dev.sparky.dispatcher.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The two in-process queues between the engine thread (the only SQLite writer) and the notifier: pending
 * calls go out after the transaction that recorded them committed, outcomes come back and are written by
 * the engine thread as system-log lines. Nothing here touches the database.
 */
public final class NotifyChannel {
    private final BlockingQueue<PendingNotification> outgoing = new LinkedBlockingQueue<>();
    private final BlockingQueue<NotifyResult> results = new LinkedBlockingQueue<>();

    /** Engine thread: hand a committed notification to the notifier. */
    public void send(PendingNotification n) {
        outgoing.add(n);
    }

    /** Notifier: the next call to make, or null after {@code timeoutMs}. */
    public PendingNotification next(long timeoutMs) throws InterruptedException {
        return outgoing.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Notifier: report an outcome. */
    public void report(NotifyResult r) {
        results.add(r);
    }

    /** Engine thread: every outcome reported so far. */
    public List<NotifyResult> drainResults() {
        List<NotifyResult> out = new ArrayList<>();
        results.drainTo(out);
        return out;
    }

    /** Engine thread: outcomes whose transaction rolled back go back for the next turn. */
    public void requeue(Collection<NotifyResult> undone) {
        results.addAll(undone);
    }

    /** Calls handed over and not yet taken by the notifier (tests, diagnostics). */
    public int waiting() {
        return outgoing.size();
    }
}
