package dev.sparky.dispatcher.store;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.RunnerPools;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link BuildAttemptRepository} over the write connection. */
final class SqliteBuildAttempts implements BuildAttemptRepository {
    static final String SELECT_BUILD = "SELECT " + Rows.BUILD_COLUMNS + " FROM builds ";
    private static final String TERMINAL = "('succeeded', 'failed', 'cancelled', 'timed_out')";

    private final Sql sql;

    SqliteBuildAttempts(Sql sql) {
        this.sql = sql;
    }

    @Override
    public OptionalLong insertBuild(NewBuild b) {
        return insert(null, b);
    }

    @Override
    public OptionalLong insertBuildWithId(long id, NewBuild b) {
        return insert(id, b);
    }

    /** @param id the build's number, or null for the next one (the column is AUTOINCREMENT) */
    private OptionalLong insert(Long id, NewBuild b) {
        // Checked first: a refused INSERT would still use up an AUTOINCREMENT id and leave a gap in build ids.
        long taken = id == null
                ? sql.number("SELECT COUNT(*) FROM builds WHERE project = ? AND job_id = ?", b.project(), b.jobId())
                : sql.number(
                        "SELECT COUNT(*) FROM builds WHERE id = ? OR (project = ? AND job_id = ?)",
                        id,
                        b.project(),
                        b.jobId());
        if (taken > 0) {
            return OptionalLong.empty();
        }
        int n = sql.update(
                "INSERT INTO builds (id, project, job_id, description, params, requested_by, source, "
                        + "parent_build_id, state, reason, queued_at, finished_at, pool) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (project, job_id) DO NOTHING",
                id,
                b.project(),
                b.jobId(),
                b.description(),
                Rows.json(b.params()),
                b.requestedBy(),
                b.source(),
                b.parentBuildId(),
                b.state().wireName(),
                b.reason(),
                b.queuedAt(),
                b.finishedAt(),
                RunnerPools.orDefault(b.pool()));
        if (n == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(id != null ? id : sql.number("SELECT last_insert_rowid()"));
    }

    @Override
    public Optional<BuildRow> build(long id) {
        return sql.one(SELECT_BUILD + "WHERE id = ?", Rows::build, id);
    }

    @Override
    public Optional<BuildRow> buildByJob(String project, String jobId) {
        return sql.one(SELECT_BUILD + "WHERE project = ? AND job_id = ?", Rows::build, project, jobId);
    }

    @Override
    public void markRunning(long id, String runnerId, long at) {
        sql.update(
                "UPDATE builds SET state = 'running', runner_id = ?, started_at = COALESCE(started_at, ?), "
                        + "reason = NULL WHERE id = ?",
                runnerId,
                at,
                id);
    }

    @Override
    public void markFinished(long id, BuildState state, String reason, Integer exitCode, long at) {
        sql.update(
                "UPDATE builds SET state = ?, reason = ?, exit_code = ?, finished_at = ? WHERE id = ?",
                state.wireName(),
                reason,
                exitCode,
                at,
                id);
    }

    @Override
    public void markCancelRequested(long id) {
        sql.update("UPDATE builds SET cancel_requested = 1 WHERE id = ?", id);
    }

    @Override
    public Optional<AttemptRow> attempt(long buildId, int attempt) {
        return sql.one(
                "SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts WHERE build_id = ? AND attempt = ?",
                Rows::attempt,
                buildId,
                attempt);
    }

    @Override
    public void insertAttempt(AttemptRow a) {
        sql.update(
                "INSERT INTO attempts (" + Rows.ATTEMPT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
                a.buildId(),
                a.attempt(),
                a.runnerId(),
                a.state(),
                a.startedAt(),
                a.finishedAt(),
                a.lastSeen(),
                a.exitCode(),
                a.logBytes(),
                a.reason());
    }

    @Override
    public void finishAttempt(long buildId, int attempt, String state, Integer exitCode, String reason, long at) {
        sql.update(
                "UPDATE attempts SET state = ?, exit_code = ?, reason = ?, finished_at = ? "
                        + "WHERE build_id = ? AND attempt = ?",
                state,
                exitCode,
                reason,
                at,
                buildId,
                attempt);
    }

    @Override
    public void touchAttempt(long buildId, int attempt, long at) {
        sql.update(
                "UPDATE attempts SET last_seen = MAX(last_seen, ?) WHERE build_id = ? AND attempt = ?",
                at,
                buildId,
                attempt);
    }

    @Override
    public void recordLogBytes(long buildId, int attempt, long bytes, long seenAt) {
        sql.update(
                "UPDATE attempts SET log_bytes = ?, last_seen = CASE WHEN state = ? THEN MAX(last_seen, ?) "
                        + "ELSE last_seen END WHERE build_id = ? AND attempt = ?",
                bytes,
                AttemptRow.RUNNING,
                seenAt,
                buildId,
                attempt);
        sql.update("UPDATE builds SET log_bytes = ? WHERE id = ? AND attempt = ?", bytes, buildId, attempt);
    }

    @Override
    public int countedAttempts(long buildId) {
        return (int) sql.number(
                "SELECT COUNT(*) FROM attempts WHERE build_id = ? AND state <> ?", buildId, AttemptRow.HANDED_BACK);
    }

    @Override
    public List<AttemptRow> runningAttemptsSeenBefore(long at) {
        return sql.list(
                "SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts WHERE state = 'running' "
                        + "AND last_seen < ? ORDER BY last_seen",
                Rows::attempt,
                at);
    }

    @Override
    public void syslog(long buildId, long at, String line) {
        sql.update(
                "INSERT INTO syslog (build_id, seq, at, line) VALUES (?, "
                        + "(SELECT COALESCE(MAX(seq), 0) + 1 FROM syslog WHERE build_id = ?), ?, ?)",
                buildId,
                buildId,
                at,
                line);
    }

    @Override
    public List<Long> terminalBuildsBeyond(String project, int keep, int limit) {
        return sql.list(
                "SELECT id FROM builds WHERE project = ? AND state IN " + TERMINAL
                        + " ORDER BY id DESC LIMIT ? OFFSET ?",
                rs -> rs.getLong(1),
                project,
                limit,
                keep);
    }

    @Override
    public void deleteBuild(long id) {
        sql.update(SqliteTokens.DELETE_JOB_TOKEN, id);
        sql.update("DELETE FROM attempts WHERE build_id = ?", id);
        sql.update("DELETE FROM syslog WHERE build_id = ?", id);
        sql.update("DELETE FROM builds WHERE id = ?", id);
    }
}
