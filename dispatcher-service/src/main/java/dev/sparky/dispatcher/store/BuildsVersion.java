package dev.sparky.dispatcher.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A number that grows after every committed transaction that changed a row of {@code builds}: readers that
 * answer from the builds table (the dashboard's project statuses) tell "nothing changed since" from it and
 * answer {@code 304 Not Modified}. It lives in memory, so it carries this process's start time: a restarted
 * dispatcher never repeats an old tag.
 *
 * <p>It also remembers which builds the last {@value #KEPT} versions changed, so that a reader holding an answer
 * of an earlier version can bring only those builds' projects up to date instead of reading every project
 * again. A transaction that removed builds or changed more than {@value #MAX_IDS} is remembered as "unknown".
 */
public final class BuildsVersion {
    static final int KEPT = 256;
    static final int MAX_IDS = 64;

    /** The builds one version changed; null when not known. */
    private record Change(long version, Set<Long> buildIds) {}

    private final String instance = Long.toString(System.currentTimeMillis(), 36);
    private final Deque<Change> recent = new ArrayDeque<>();
    private volatile long version;

    /**
     * Called by the writer after the commit is visible to readers, never before: a reader may not cache new rows
     * as old.
     *
     * @param buildIds the builds the transaction inserted or updated, null when not known
     */
    public synchronized void committed(Set<Long> buildIds) {
        long next = version + 1;
        recent.addLast(new Change(next, buildIds == null || buildIds.size() > MAX_IDS ? null : Set.copyOf(buildIds)));
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
        version = next;
    }

    /** Read before the rows it is to label, so rows newer than it can only make it stale, never wrong. */
    public long current() {
        return version;
    }

    public String tag() {
        return instance + "-" + version;
    }

    /**
     * The builds changed by the versions after {@code since} up to {@code upTo}; empty when that is not known
     * (versions no longer kept, or one of them unknown).
     */
    public synchronized Optional<Set<Long>> changedBetween(long since, long upTo) {
        if (since > upTo || recent.isEmpty() || recent.peekFirst().version() > since + 1) {
            return since == upTo ? Optional.of(Set.of()) : Optional.empty();
        }
        Set<Long> ids = new HashSet<>();
        for (Change c : recent) {
            if (c.version() > since && c.version() <= upTo) {
                if (c.buildIds() == null) {
                    return Optional.empty();
                }
                ids.addAll(c.buildIds());
            }
        }
        return Optional.of(ids);
    }
}
