-- Notify-hook calls not yet resolved, written in the same transaction as the terminal state they announce,
-- deleted by the engine when the notifier reports the outcome. A row outlives its build's retention: the
-- body carries everything the call needs.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    build_id   INTEGER NOT NULL,
    url        TEXT    NOT NULL,
    body       BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);
