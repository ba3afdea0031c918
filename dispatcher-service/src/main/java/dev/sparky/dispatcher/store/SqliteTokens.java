package dev.sparky.dispatcher.store;

import java.util.List;

/** {@link TokenRepository} over the write connection. */
final class SqliteTokens implements TokenRepository {
    static final String DELETE_JOB_TOKEN = "DELETE FROM job_tokens WHERE build_id = ?";

    private final Sql sql;

    SqliteTokens(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void saveJobToken(long buildId, int attempt, String tokenHash, long at) {
        sql.update(
                "INSERT INTO job_tokens (build_id, attempt, token_hash, issued_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (build_id) DO UPDATE SET attempt = excluded.attempt, "
                        + "token_hash = excluded.token_hash, issued_at = excluded.issued_at",
                buildId,
                attempt,
                tokenHash,
                at);
    }

    @Override
    public void deleteJobToken(long buildId) {
        sql.update(DELETE_JOB_TOKEN, buildId);
    }

    @Override
    public void insertApiToken(
            String id,
            String name,
            String tokenHash,
            List<String> projects,
            List<String> actions,
            String createdBy,
            long at,
            Long expiresAt) {
        sql.update(
                "INSERT INTO api_tokens (id, name, token_hash, projects, actions, created_by, created_at, "
                        + "expires_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                id,
                name,
                tokenHash,
                ApiTokenQueries.join(projects),
                ApiTokenQueries.join(actions),
                createdBy,
                at,
                expiresAt);
    }

    @Override
    public boolean revokeApiToken(String id, long at) {
        return sql.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, id) == 1;
    }
}
