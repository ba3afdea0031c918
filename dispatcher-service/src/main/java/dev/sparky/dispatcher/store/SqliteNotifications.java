package dev.sparky.dispatcher.store;

import java.util.List;

/** {@link NotificationRepository} over the write connection. */
final class SqliteNotifications implements NotificationRepository {
    private final Sql sql;

    SqliteNotifications(Sql sql) {
        this.sql = sql;
    }

    @Override
    public long insertNotification(long buildId, String url, byte[] body, long at) {
        sql.update(
                "INSERT INTO notifications (build_id, url, body, created_at) VALUES (?, ?, ?, ?)",
                buildId,
                url,
                body,
                at);
        return sql.number("SELECT last_insert_rowid()");
    }

    @Override
    public List<NotificationRow> notificationsAfter(long afterId, int limit) {
        return sql.list(
                "SELECT id, build_id, url, body FROM notifications WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new NotificationRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4)),
                afterId,
                limit);
    }

    @Override
    public void deleteNotification(long id) {
        sql.update("DELETE FROM notifications WHERE id = ?", id);
    }
}
