-- Job API tokens: the SHA-256 (hex) of the token handed out with the build's current attempt, never the token.
-- One row per build: a new attempt replaces it (the older token stops working); ended builds lose it. The
-- unique index is the lookup of POST /internal/v1/job-tokens/verify.
CREATE TABLE job_tokens (
    build_id   INTEGER PRIMARY KEY,
    attempt    INTEGER NOT NULL,
    token_hash TEXT    NOT NULL UNIQUE,
    issued_at  INTEGER NOT NULL
);
