package dev.sparky.chaos;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every trigger the soak sent and what became of it: accepted (with its job id), refused with 503 and sent
 * again later, or never accepted. A refused trigger is kept until it is accepted: never silently dropped.
 */
final class Ledger {
    /** An accepted trigger: the API answered 200 with this job id. */
    record Accepted(String project, String jobId, boolean refusedFirst) {
        String key() {
            return project + "/" + jobId;
        }
    }

    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger neverAccepted = new AtomicInteger();

    void accepted(String project, String jobId, boolean refusedFirst) {
        Accepted a = new Accepted(project, jobId, refusedFirst);
        if (accepted.putIfAbsent(a.key(), a) != null) {
            throw new IllegalStateException("the API gave job id " + a.key() + " twice");
        }
    }

    /** One refusal answer (a trigger refused three times counts three). */
    void refused() {
        refusals.incrementAndGet();
    }

    void neverAccepted(int n) {
        neverAccepted.addAndGet(n);
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted.values());
    }

    boolean isAccepted(String project, String jobId) {
        return accepted.containsKey(project + "/" + jobId);
    }

    int refusals() {
        return refusals.get();
    }

    int refusedThenAccepted() {
        return (int) accepted.values().stream().filter(Accepted::refusedFirst).count();
    }

    int neverAccepted() {
        return neverAccepted.get();
    }
}
