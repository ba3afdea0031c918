-- Builds, their attempts on runners, the system log, the outbox and the runners seen.
-- Times are epoch milliseconds (UTC). The build id is the row id: increasing, never reused (AUTOINCREMENT).

CREATE TABLE builds (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    project          TEXT    NOT NULL,
    job_id           TEXT    NOT NULL,
    description      TEXT,
    params           TEXT    NOT NULL DEFAULT '{}',
    requested_by     TEXT,
    source           TEXT,
    parent_build_id  INTEGER,
    state            TEXT    NOT NULL,
    reason           TEXT,
    attempt          INTEGER NOT NULL DEFAULT 0,
    runner_id        TEXT,
    exit_code        INTEGER,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    queued_at        INTEGER NOT NULL,
    dispatched_at    INTEGER,
    started_at       INTEGER,
    finished_at      INTEGER,
    log_bytes        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (project, job_id)
);

-- Newest first per project, and per state (keyset paging: id < before ORDER BY id DESC).
CREATE INDEX builds_project_id ON builds (project, id DESC);
CREATE INDEX builds_state_id ON builds (state, id DESC);
-- The builds waiting to be handed out, oldest first per project: stays small however many builds exist.
CREATE INDEX builds_waiting ON builds (project, id) WHERE state = 'queued' AND dispatched_at IS NULL;
-- The builds holding a concurrency slot (handed out or running): counted per project on every hand-out.
CREATE INDEX builds_active ON builds (project) WHERE state = 'running' OR (state = 'queued' AND dispatched_at IS NOT NULL);

CREATE TABLE attempts (
    build_id    INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    runner_id   TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    last_seen   INTEGER NOT NULL,
    exit_code   INTEGER,
    log_bytes   INTEGER NOT NULL DEFAULT 0,
    reason      TEXT,
    PRIMARY KEY (build_id, attempt)
) WITHOUT ROWID;

-- The lease check reads only the running attempts.
CREATE INDEX attempts_running ON attempts (last_seen) WHERE state = 'running';

CREATE TABLE syslog (
    build_id INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    line     TEXT    NOT NULL,
    PRIMARY KEY (build_id, seq)
) WITHOUT ROWID;

CREATE TABLE outbox (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    topic   TEXT NOT NULL,
    key     TEXT,
    value   BLOB NOT NULL,
    headers TEXT
);

CREATE TABLE runners (
    runner_id  TEXT PRIMARY KEY,
    host       TEXT,
    state      TEXT    NOT NULL,
    build_id   INTEGER,
    attempt    INTEGER,
    last_seen  INTEGER NOT NULL,
    started_at INTEGER
) WITHOUT ROWID;
