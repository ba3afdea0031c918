-- One row the engine updates about once a second: readiness proves the database takes writes.
CREATE TABLE health (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    beat_at INTEGER NOT NULL
);
INSERT INTO health (id, beat_at) VALUES (1, 0);
