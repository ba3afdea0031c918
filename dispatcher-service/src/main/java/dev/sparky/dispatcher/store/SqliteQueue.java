package dev.sparky.dispatcher.store;

import java.util.List;
import java.util.Map;

/** {@link QueueRepository} over the write connection. */
final class SqliteQueue implements QueueRepository {
    private static final String ACTIVE = "(state = 'running' OR (state = 'queued' AND dispatched_at IS NOT NULL))";

    private final Sql sql;

    SqliteQueue(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<String> projectsWithWaitingBuilds() {
        return sql.list(
                "SELECT project FROM builds WHERE state = 'queued' AND dispatched_at IS NULL "
                        + "GROUP BY project ORDER BY MIN(id)",
                rs -> rs.getString(1));
    }

    @Override
    public List<BuildRow> waitingBuilds(String project, int limit) {
        return sql.list(
                SqliteBuildAttempts.SELECT_BUILD + "WHERE project = ? AND state = 'queued' "
                        + "AND dispatched_at IS NULL ORDER BY id LIMIT ?",
                Rows::build,
                project,
                limit);
    }

    @Override
    public int activeBuilds(String project) {
        return (int) sql.number("SELECT COUNT(*) FROM builds WHERE project = ? AND " + ACTIVE, project);
    }

    @Override
    public void markDispatched(long id, int attempt, long at, String pool) {
        sql.update(
                "UPDATE builds SET attempt = ?, dispatched_at = ?, reason = NULL, pool = ? WHERE id = ?",
                attempt,
                at,
                pool,
                id);
    }

    @Override
    public void markRequeued(long id, String reason) {
        sql.update(
                "UPDATE builds SET state = 'queued', runner_id = NULL, dispatched_at = NULL, reason = ? "
                        + "WHERE id = ?",
                reason,
                id);
    }

    @Override
    public void outbox(String topic, String key, byte[] value, Map<String, String> headers) {
        sql.update(
                "INSERT INTO outbox (topic, key, value, headers) VALUES (?, ?, ?, ?)",
                topic,
                key,
                value,
                headers == null || headers.isEmpty() ? null : Rows.json(headers));
    }

    @Override
    public List<OutboxRow> outboxBatch(long afterId, int limit) {
        return sql.list(
                "SELECT id, topic, key, value, headers FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new OutboxRow(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), Rows.map(rs.getString(5))),
                afterId,
                limit);
    }

    @Override
    public void deleteOutboxUpTo(long id) {
        sql.update("DELETE FROM outbox WHERE id <= ?", id);
    }
}
