package dev.sparky.ui.jobapi;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The child builds each parent build queued through this replica, so a runaway script cannot queue
 * thousands. A repeated job id (a retried parent attempt) counts once. Only the most recently active
 * parents are kept: a parent forgotten after {@link #MAX_PARENTS} others is one that stopped queueing.
 */
final class ChildLedger {
    static final int MAX_PARENTS = 10_000;

    private final int maxChildren;
    private final Map<Long, Set<String>> children = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Set<String>> eldest) {
            return size() > MAX_PARENTS;
        }
    };

    ChildLedger(int maxChildren) {
        if (maxChildren < 1) {
            throw new IllegalArgumentException(
                    "sparky.job-api.max-children-per-build must be at least 1, got " + maxChildren);
        }
        this.maxChildren = maxChildren;
    }

    int maxChildren() {
        return maxChildren;
    }

    /** Holds a place for the child {@code key}; false when the parent already has its maximum of others. */
    synchronized boolean reserve(long parentBuildId, String key) {
        Set<String> mine = children.computeIfAbsent(parentBuildId, id -> new HashSet<>());
        if (mine.contains(key)) {
            return true;
        }
        if (mine.size() >= maxChildren) {
            return false;
        }
        mine.add(key);
        return true;
    }

    /** Gives the place back when the child was not queued after all (refused, Kafka down). */
    synchronized void release(long parentBuildId, String key) {
        Set<String> mine = children.get(parentBuildId);
        if (mine != null) {
            mine.remove(key);
        }
    }
}
