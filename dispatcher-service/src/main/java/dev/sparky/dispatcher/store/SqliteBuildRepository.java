package dev.sparky.dispatcher.store;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.BuildState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

/** {@link BuildRepository} over the write connection. Not thread-safe: the engine thread owns it. */
public final class SqliteBuildRepository implements BuildRepository, AutoCloseable {
    private static final String SELECT_BUILD = "SELECT " + Rows.BUILD_COLUMNS + " FROM builds ";
    private static final String TERMINAL = "('succeeded', 'failed', 'cancelled', 'timed_out')";
    private static final String ACTIVE = "(state = 'running' OR (state = 'queued' AND dispatched_at IS NOT NULL))";

    private final Connection c;
    private final Sql sql;
    private final BuildsVersion buildsVersion;
    /** Set by SQLite's update hook when a statement of the open transaction changed a row of builds. */
    private boolean buildsTouched;
    /** The builds it inserted or updated; null once it removed one or changed too many to list. */
    private Set<Long> buildsChanged = new HashSet<>();
    private int savepoints;

    public SqliteBuildRepository(Connection writeConnection) {
        this(writeConnection, new BuildsVersion());
    }

    public SqliteBuildRepository(Connection writeConnection, BuildsVersion buildsVersion) {
        this.c = writeConnection;
        this.sql = Sql.caching(writeConnection);
        this.buildsVersion = buildsVersion;
        try {
            writeConnection.unwrap(SQLiteConnection.class).addUpdateListener((type, database, table, rowId) -> {
                if ("builds".equals(table)) {
                    buildsTouched = true;
                    noteChanged(type, rowId);
                }
            });
        } catch (SQLException e) {
            throw new StoreException("not an SQLite connection: " + e.getMessage(), e);
        }
    }

    /** A removed build's project cannot be looked up any more: the version is then "unknown" to readers. */
    private void noteChanged(SQLiteUpdateListener.Type type, long rowId) {
        if (buildsChanged == null) {
            return;
        }
        if (type == SQLiteUpdateListener.Type.DELETE || buildsChanged.size() >= BuildsVersion.MAX_IDS) {
            buildsChanged = null;
        } else {
            buildsChanged.add(rowId);
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            c.setAutoCommit(false);
            try {
                T result = work.get();
                c.commit();
                if (buildsTouched) {
                    buildsVersion.committed(buildsChanged);
                }
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                buildsTouched = false;
                buildsChanged = new HashSet<>();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void isolated(Runnable work) {
        String name = "sp" + (++savepoints);
        sql.execute("SAVEPOINT " + name);
        try {
            work.run();
            sql.execute("RELEASE " + name);
        } catch (RuntimeException e) {
            sql.execute("ROLLBACK TO " + name);
            sql.execute("RELEASE " + name);
            throw e;
        } finally {
            savepoints--;
        }
    }

    @Override
    public OptionalLong insertBuild(NewBuild b) {
        // Checked first: a refused INSERT would still use up an AUTOINCREMENT id and leave a gap in build ids.
        if (sql.number("SELECT COUNT(*) FROM builds WHERE project = ? AND job_id = ?", b.project(), b.jobId()) > 0) {
            return OptionalLong.empty();
        }
        int n = sql.update("INSERT INTO builds (project, job_id, description, params, requested_by, source, "
                + "parent_build_id, state, reason, queued_at, finished_at, pool) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT (project, job_id) DO NOTHING", b.project(), b.jobId(), b.description(),
                Rows.json(b.params()), b.requestedBy(), b.source(), b.parentBuildId(), b.state().wireName(),
                b.reason(), b.queuedAt(), b.finishedAt(), RunnerPools.orDefault(b.pool()));
        return n == 0 ? OptionalLong.empty() : OptionalLong.of(sql.number("SELECT last_insert_rowid()"));
    }

    @Override
    public OptionalLong insertBuildWithId(long id, NewBuild b) {
        if (sql.number("SELECT COUNT(*) FROM builds WHERE id = ? OR (project = ? AND job_id = ?)", id, b.project(),
                b.jobId()) > 0) {
            return OptionalLong.empty();
        }
        sql.update("INSERT INTO builds (id, project, job_id, description, params, requested_by, source, "
                + "parent_build_id, state, reason, queued_at, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", id,
                b.project(), b.jobId(), b.description(), Rows.json(b.params()), b.requestedBy(), b.source(),
                b.parentBuildId(), b.state().wireName(), b.reason(), b.queuedAt(), b.finishedAt());
        return OptionalLong.of(id);
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
    public List<String> projectsWithWaitingBuilds() {
        return sql.list("SELECT project FROM builds WHERE state = 'queued' AND dispatched_at IS NULL "
                + "GROUP BY project ORDER BY MIN(id)", rs -> rs.getString(1));
    }

    @Override
    public List<BuildRow> waitingBuilds(String project, int limit) {
        return sql.list(SELECT_BUILD + "WHERE project = ? AND state = 'queued' AND dispatched_at IS NULL "
                + "ORDER BY id LIMIT ?", Rows::build, project, limit);
    }

    @Override
    public int activeBuilds(String project) {
        return (int) sql.number("SELECT COUNT(*) FROM builds WHERE project = ? AND " + ACTIVE, project);
    }

    @Override
    public void markDispatched(long id, int attempt, long at, String pool) {
        sql.update("UPDATE builds SET attempt = ?, dispatched_at = ?, reason = NULL, pool = ? WHERE id = ?", attempt, at,
                pool, id);
    }

    @Override
    public void markRunning(long id, String runnerId, long at) {
        sql.update("UPDATE builds SET state = 'running', runner_id = ?, started_at = COALESCE(started_at, ?), "
                + "reason = NULL WHERE id = ?", runnerId, at, id);
    }

    @Override
    public void markFinished(long id, BuildState state, String reason, Integer exitCode, long at) {
        sql.update("UPDATE builds SET state = ?, reason = ?, exit_code = ?, finished_at = ? WHERE id = ?",
                state.wireName(), reason, exitCode, at, id);
    }

    @Override
    public void markRequeued(long id, String reason) {
        sql.update("UPDATE builds SET state = 'queued', runner_id = NULL, dispatched_at = NULL, reason = ? "
                + "WHERE id = ?", reason, id);
    }

    @Override
    public void markCancelRequested(long id) {
        sql.update("UPDATE builds SET cancel_requested = 1 WHERE id = ?", id);
    }

    @Override
    public Optional<AttemptRow> attempt(long buildId, int attempt) {
        return sql.one("SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts WHERE build_id = ? AND attempt = ?",
                Rows::attempt, buildId, attempt);
    }

    @Override
    public void insertAttempt(AttemptRow a) {
        sql.update("INSERT INTO attempts (" + Rows.ATTEMPT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
                a.buildId(), a.attempt(), a.runnerId(), a.state(), a.startedAt(), a.finishedAt(), a.lastSeen(),
                a.exitCode(), a.logBytes(), a.reason());
    }

    @Override
    public void finishAttempt(long buildId, int attempt, String state, Integer exitCode, String reason, long at) {
        sql.update("UPDATE attempts SET state = ?, exit_code = ?, reason = ?, finished_at = ? "
                + "WHERE build_id = ? AND attempt = ?", state, exitCode, reason, at, buildId, attempt);
    }

    @Override
    public void touchAttempt(long buildId, int attempt, long at) {
        sql.update("UPDATE attempts SET last_seen = MAX(last_seen, ?) WHERE build_id = ? AND attempt = ?",
                at, buildId, attempt);
    }

    @Override
    public void recordLogBytes(long buildId, int attempt, long bytes, long seenAt) {
        sql.update("UPDATE attempts SET log_bytes = ?, last_seen = CASE WHEN state = ? THEN MAX(last_seen, ?) "
                + "ELSE last_seen END WHERE build_id = ? AND attempt = ?",
                bytes, AttemptRow.RUNNING, seenAt, buildId, attempt);
        sql.update("UPDATE builds SET log_bytes = ? WHERE id = ? AND attempt = ?", bytes, buildId, attempt);
    }

    @Override
    public int countedAttempts(long buildId) {
        return (int) sql.number("SELECT COUNT(*) FROM attempts WHERE build_id = ? AND state <> ?",
                buildId, AttemptRow.HANDED_BACK);
    }

    @Override
    public List<AttemptRow> runningAttemptsSeenBefore(long at) {
        return sql.list("SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts WHERE state = 'running' "
                + "AND last_seen < ? ORDER BY last_seen", Rows::attempt, at);
    }

    @Override
    public void syslog(long buildId, long at, String line) {
        sql.update("INSERT INTO syslog (build_id, seq, at, line) VALUES (?, "
                + "(SELECT COALESCE(MAX(seq), 0) + 1 FROM syslog WHERE build_id = ?), ?, ?)",
                buildId, buildId, at, line);
    }

    @Override
    public void outbox(String topic, String key, byte[] value, Map<String, String> headers) {
        sql.update("INSERT INTO outbox (topic, key, value, headers) VALUES (?, ?, ?, ?)", topic, key, value,
                headers == null || headers.isEmpty() ? null : Rows.json(headers));
    }

    @Override
    public List<OutboxRow> outboxBatch(long afterId, int limit) {
        return sql.list("SELECT id, topic, key, value, headers FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        Rows.map(rs.getString(5))), afterId, limit);
    }

    @Override
    public void deleteOutboxUpTo(long id) {
        sql.update("DELETE FROM outbox WHERE id <= ?", id);
    }

    @Override
    public void upsertRunner(RunnerRow r) {
        sql.update("INSERT INTO runners (runner_id, host, state, build_id, attempt, last_seen, started_at, pool) "
                + "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (runner_id) DO UPDATE SET host = excluded.host, "
                + "state = excluded.state, build_id = excluded.build_id, attempt = excluded.attempt, "
                + "last_seen = MAX(last_seen, excluded.last_seen), started_at = excluded.started_at, "
                + "pool = excluded.pool",
                r.runnerId(), r.host(), r.state(), r.buildId(), r.attempt(), r.lastSeen(), r.startedAt(),
                RunnerPools.orDefault(r.pool()));
    }

    @Override
    public int deleteRunnersSeenBefore(long before) {
        return sql.update("DELETE FROM runners WHERE last_seen < ?", before);
    }

    @Override
    public List<Long> terminalBuildsBeyond(String project, int keep, int limit) {
        return sql.list("SELECT id FROM builds WHERE project = ? AND state IN " + TERMINAL
                + " ORDER BY id DESC LIMIT ? OFFSET ?", rs -> rs.getLong(1), project, limit, keep);
    }

    @Override
    public void saveJobToken(long buildId, int attempt, String tokenHash, long at) {
        sql.update("INSERT INTO job_tokens (build_id, attempt, token_hash, issued_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (build_id) DO UPDATE SET attempt = excluded.attempt, "
                + "token_hash = excluded.token_hash, issued_at = excluded.issued_at", buildId, attempt, tokenHash, at);
    }

    @Override
    public void deleteJobToken(long buildId) {
        sql.update("DELETE FROM job_tokens WHERE build_id = ?", buildId);
    }

    @Override
    public void insertApiToken(String id, String name, String tokenHash, List<String> projects, List<String> actions,
            String createdBy, long at, Long expiresAt) {
        sql.update("INSERT INTO api_tokens (id, name, token_hash, projects, actions, created_by, created_at, "
                + "expires_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", id, name, tokenHash,
                ApiTokenQueries.join(projects), ApiTokenQueries.join(actions), createdBy, at, expiresAt);
    }

    @Override
    public boolean revokeApiToken(String id, long at) {
        return sql.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, id) == 1;
    }

    @Override
    public void deleteBuild(long id) {
        deleteJobToken(id);
        sql.update("DELETE FROM attempts WHERE build_id = ?", id);
        sql.update("DELETE FROM syslog WHERE build_id = ?", id);
        sql.update("DELETE FROM builds WHERE id = ?", id);
    }

    @Override
    public long insertNotification(long buildId, String url, byte[] body, long at) {
        sql.update("INSERT INTO notifications (build_id, url, body, created_at) VALUES (?, ?, ?, ?)", buildId, url,
                body, at);
        return sql.number("SELECT last_insert_rowid()");
    }

    @Override
    public List<NotificationRow> notificationsAfter(long afterId, int limit) {
        return sql.list("SELECT id, build_id, url, body FROM notifications WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new NotificationRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4)), afterId,
                limit);
    }

    @Override
    public void deleteNotification(long id) {
        sql.update("DELETE FROM notifications WHERE id = ?", id);
    }

    @Override
    public void syncToDisk(long at) {
        // In WAL mode a FULL commit syncs the log file, and with it every frame written before.
        sql.execute("PRAGMA synchronous = FULL");
        try {
            inTransaction(() -> {
                touchHealth(at);
                return null;
            });
        } finally {
            sql.execute("PRAGMA synchronous = NORMAL");
        }
    }

    @Override
    public void touchHealth(long at) {
        if (sql.update("UPDATE health SET beat_at = ? WHERE id = 1", at) != 1) {
            throw new StoreException("health row is missing", null);
        }
    }

    @Override
    public void close() {
        Database.closeQuietly(c);
    }
}
