package dev.sparky.bench.data;

import dev.sparky.dispatcher.store.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the dispatcher's SQLite file with finished builds, straight through JDBC, while the dispatcher is
 * stopped: the schema comes from the dispatcher's own Flyway migration ({@link Schema}, the same scripts and
 * history the dispatcher applies at start), rows go in in big transactions. Each build has one attempt and three system-log lines, as a real finished build.
 */
public final class DbGenerator {
    private static final int BATCH = 50_000;

    /**
     * Brings {@code <stateDir>/sparky.db} to {@code total} builds spread round-robin over {@code projects}
     * projects named {@code p0000...}: creates and migrates the file when missing, appends after the highest id.
     *
     * @return the number of builds added
     */
    public long growTo(Path stateDir, long total, int projects) {
        try {
            Files.createDirectories(stateDir);
            Schema.migrate(stateDir.resolve("sparky.db"));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("sparky.db"))) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = OFF");
                }
                long have = maxId(c);
                c.setAutoCommit(false);
                for (long from = have + 1; from <= total; from += BATCH) {
                    insert(c, from, Math.min(total, from + BATCH - 1), total, projects);
                    c.commit();
                }
                return Math.max(0, total - have);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stateDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fill the database in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    public static String projectName(long i) {
        return String.format("p%04d", i);
    }

    private static long maxId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM builds")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static final String BUILD_SQL = "INSERT INTO builds (id, project, job_id, description, params,"
            + " requested_by, source, state, reason, attempt, runner_id, exit_code, queued_at, started_at,"
            + " finished_at, log_bytes) VALUES (?, ?, ?, ?, '{}', 'bench', 'api', ?, ?, 1, 'runner-1', ?, ?, ?, ?, 0)";
    private static final String ATTEMPT_SQL = "INSERT INTO attempts (build_id, attempt, runner_id, state,"
            + " started_at, finished_at, last_seen, exit_code, log_bytes, reason)"
            + " VALUES (?, 1, 'runner-1', ?, ?, ?, ?, ?, 0, ?)";
    private static final String SYSLOG_SQL = "INSERT INTO syslog (build_id, seq, at, line) VALUES (?, ?, ?, ?)";

    /** Builds {@code from..to}: one in ten failed, queued one second apart, ending a second ago at the last. */
    private static void insert(Connection c, long from, long to, long total, int projects) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement b = c.prepareStatement(BUILD_SQL);
                PreparedStatement a = c.prepareStatement(ATTEMPT_SQL);
                PreparedStatement l = c.prepareStatement(SYSLOG_SQL)) {
            for (long id = from; id <= to; id++) {
                long queued = now - (total - id + 1) * 1000L;
                build(b, id, projects, queued);
                attempt(a, id, queued);
                String state = id % 10 != 0 ? "succeeded" : "failed";
                syslog(l, id, queued, "queued by bench via api: generated build " + id, 1);
                syslog(l, id, queued + 40, "started on runner runner-1 (attempt 1)", 2);
                syslog(l, id, queued + 1540, "finished: " + state + (id % 10 != 0 ? "" : " (exit code 1)"), 3);
            }
            b.executeBatch();
            a.executeBatch();
            l.executeBatch();
        }
    }

    private static void build(PreparedStatement b, long id, int projects, long queued) throws SQLException {
        boolean ok = id % 10 != 0;
        b.setLong(1, id);
        b.setString(2, projectName(id % projects));
        b.setString(3, "gen" + id);
        b.setString(4, "generated build " + id);
        b.setString(5, ok ? "succeeded" : "failed");
        b.setString(6, ok ? null : "exit code 1");
        b.setInt(7, ok ? 0 : 1);
        b.setLong(8, queued);
        b.setLong(9, queued + 40);
        b.setLong(10, queued + 1540);
        b.addBatch();
    }

    private static void attempt(PreparedStatement a, long id, long queued) throws SQLException {
        boolean ok = id % 10 != 0;
        a.setLong(1, id);
        a.setString(2, ok ? "succeeded" : "failed");
        a.setLong(3, queued + 40);
        a.setLong(4, queued + 1540);
        a.setLong(5, queued + 1540);
        a.setInt(6, ok ? 0 : 1);
        a.setString(7, ok ? null : "exit code 1");
        a.addBatch();
    }

    private static void syslog(PreparedStatement l, long id, long at, String line, int seq) throws SQLException {
        l.setLong(1, id);
        l.setInt(2, seq);
        l.setLong(3, at);
        l.setString(4, line);
        l.addBatch();
    }
}
