-- API tokens (docs/security.md): made by an admin in the UI, which sends only the token's SHA-256 (hex) in a
-- create-api-token command on sparky.build-commands; the token itself is never stored. Revoked tokens keep
-- their row (revoked_at set) so the list shows what existed. Times are epoch milliseconds.
CREATE TABLE api_tokens (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    token_hash TEXT    NOT NULL UNIQUE,
    projects   TEXT    NOT NULL,
    actions    TEXT    NOT NULL,
    created_by TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER
);
