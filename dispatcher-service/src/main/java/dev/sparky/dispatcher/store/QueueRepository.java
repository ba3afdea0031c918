package dev.sparky.dispatcher.store;

import java.util.List;
import java.util.Map;

/** The queue (builds waiting for a runner, the slots they take) and the outbox of records to publish. */
public interface QueueRepository {

    /** Projects with builds queued and not handed out, the one with the oldest such build first. */
    List<String> projectsWithWaitingBuilds();

    /** Queued builds not handed out, oldest first. */
    List<BuildRow> waitingBuilds(String project, int limit);

    /** Builds of the project handed out or running: the slots its concurrency counts. */
    int activeBuilds(String project);

    void markDispatched(long id, int attempt, long at, String pool);

    /** Back to the queue, not handed out, no owner: the next hand-out makes the next attempt. */
    void markRequeued(long id, String reason);

    void outbox(String topic, String key, byte[] value, Map<String, String> headers);

    /** The oldest outbox rows after {@code afterId}, in the order they were written (ids only grow). */
    List<OutboxRow> outboxBatch(long afterId, int limit);

    void deleteOutboxUpTo(long id);
}
