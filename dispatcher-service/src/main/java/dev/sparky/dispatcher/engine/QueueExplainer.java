package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.api.QueueEntry;
import dev.sparky.dispatcher.store.BuildRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Says why each queued build waits. A handed-out build waits for a free runner (position 0: it has left
 * the project's line); the first of the others waits for its project's concurrency, the rest wait behind
 * the build before them.
 */
public final class QueueExplainer {
    private QueueExplainer() {}

    /**
     * @param queued queued builds, oldest first
     * @param running builds holding a concurrency slot (handed out or running), oldest first
     * @param concurrency a project's concurrency
     */
    public static List<QueueEntry> explain(
            List<BuildRow> queued, List<BuildRow> running, ToIntFunction<String> concurrency) {
        return explain(queued, running, concurrency, p -> null, PoolWaits.none());
    }

    /**
     * @param poolOf a project's runner pool as defined now (for builds not handed out yet); null: the build's own
     * @param pools what the pools say: a handed-out build waits for a runner of its pool when none is alive, the
     *     first waiting build of a project on an undeclared pool waits for the pool
     */
    public static List<QueueEntry> explain(
            List<BuildRow> queued,
            List<BuildRow> running,
            ToIntFunction<String> concurrency,
            Function<String, String> poolOf,
            PoolWaits pools) {
        Map<String, List<BuildRow>> active = new HashMap<>();
        running.forEach(
                b -> active.computeIfAbsent(b.project(), p -> new ArrayList<>()).add(b));
        Map<String, BuildRow> previous = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        List<QueueEntry> out = new ArrayList<>();
        for (BuildRow b : queued) {
            if (b.dispatched()) {
                String why = pools.reason(b.pool(), true);
                out.add(entry(b, 0, why != null ? why : "waiting for a free runner"));
                continue;
            }
            int position = positions.merge(b.project(), 1, Integer::sum);
            BuildRow before = previous.put(b.project(), b);
            String pool = poolOf.apply(b.project());
            String poolWait = before != null ? null : pools.reason(pool != null ? pool : b.pool(), false);
            String reason = before != null
                    ? "behind build " + before.id() + " of the same project"
                    : poolWait != null
                            ? poolWait
                            : firstReason(
                                    b,
                                    active.getOrDefault(b.project(), List.of()),
                                    concurrency.applyAsInt(b.project()));
            out.add(entry(b, position, reason));
        }
        return out;
    }

    private static String firstReason(BuildRow b, List<BuildRow> active, int concurrency) {
        if (active.size() >= concurrency && !active.isEmpty()) {
            BuildRow holder = active.stream()
                    .filter(a -> a.state() == dev.sparky.contracts.BuildState.RUNNING)
                    .findFirst()
                    .orElse(active.get(0));
            String what = holder.dispatched() ? "handed out" : "running";
            return "project concurrency " + concurrency + " reached: build " + holder.id() + " " + what;
        }
        return "next to be handed out";
    }

    private static QueueEntry entry(BuildRow b, int position, String reason) {
        return new QueueEntry(
                b.id(), b.project(), b.jobId(), b.description(), Instant.ofEpochMilli(b.queuedAt()), position, reason);
    }
}
