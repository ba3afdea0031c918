package dev.sparky.ui.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job ids this replica accepted lately. Between "Kafka acknowledged" and "the dispatcher read it" a
 * build exists only in Kafka; Sparky answered -2 (queued) at once, so callers polling /status right after
 * a trigger must not see 404. Bounded in time and size; another replica's triggers are not known here.
 */
public final class RecentTriggers {
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Duration keepFor;
    private final LinkedHashMap<String, Instant> accepted = new LinkedHashMap<>();

    public RecentTriggers(Clock clock, Duration keepFor) {
        this.clock = clock;
        this.keepFor = keepFor;
    }

    public synchronized void remember(String project, String jobId) {
        evictOld();
        String key = key(project, jobId);
        accepted.remove(key); // keeps insertion order equal to time order, which evictOld relies on
        accepted.put(key, clock.instant());
        if (accepted.size() > MAX_ENTRIES) {
            Iterator<String> oldest = accepted.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The dispatcher knows the build now: from here on its answer is the truth (also once the build is purged). */
    public synchronized void forget(String project, String jobId) {
        accepted.remove(key(project, jobId));
    }

    public synchronized boolean wasAccepted(String project, String jobId) {
        evictOld();
        return accepted.containsKey(key(project, jobId));
    }

    private void evictOld() {
        Instant limit = clock.instant().minus(keepFor);
        Iterator<Map.Entry<String, Instant>> it = accepted.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().isBefore(limit)) {
            it.remove();
        }
    }

    private static String key(String project, String jobId) {
        return project + "/" + jobId;
    }
}
