package dev.sparky.dispatcher.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number that grows after every committed transaction that changed a row of {@code builds}: readers that
 * answer from the builds table (the dashboard's project statuses) tell "nothing changed since" from it and
 * answer {@code 304 Not Modified}. It lives in memory, so it carries this process's start time: a restarted
 * dispatcher never repeats an old tag.
 */
public final class BuildsVersion {
    private final String instance = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong version = new AtomicLong();

    /** Called after the commit is visible to readers, never before: a reader may not cache new rows as old. */
    void committed() {
        version.incrementAndGet();
    }

    /** Read before the rows it is to label, so rows newer than the tag can only make it stale, never wrong. */
    public String tag() {
        return instance + "-" + version.get();
    }
}
