package dev.sparky.dispatcher.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small helpers over a connection: bind arguments by type (null allowed), map rows, wrap SQL errors. The engine's
 * write connection keeps its prepared statements ({@link #caching}): it runs the same few dozen statements for
 * every build, and preparing one (parsing the SQL in SQLite) costs about as much as running it.
 */
final class Sql {
    /** Statements kept per caching connection; dynamic SQL (IN lists) beyond this evicts the least used. */
    private static final int CACHE_SIZE = 128;

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection c;
    /** Null when statements are closed after each use. */
    private final Map<String, PreparedStatement> statements;

    Sql(Connection c) {
        this(c, false);
    }

    private Sql(Connection c, boolean cache) {
        this.c = c;
        this.statements = cache
                ? new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                        if (size() > CACHE_SIZE) {
                            closeQuietly(eldest.getValue());
                            return true;
                        }
                        return false;
                    }
                }
                : null;
    }

    /** For a connection used by one thread for the life of the process; its statements close with it. */
    static Sql caching(Connection c) {
        return new Sql(c, true);
    }

    int update(String sql, Object... args) {
        PreparedStatement p = null;
        try {
            p = prepare(sql, args);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw fail(sql, evict(sql, p, e));
        } finally {
            release(p);
        }
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        PreparedStatement p = null;
        try {
            p = prepare(sql, args);
            try (ResultSet rs = p.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw fail(sql, evict(sql, p, e));
        } finally {
            release(p);
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = list(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    long number(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** A statement without arguments or rows (SAVEPOINT, RELEASE, PRAGMA). */
    void execute(String sql) {
        PreparedStatement p = null;
        try {
            p = prepare(sql);
            p.execute();
        } catch (SQLException e) {
            throw fail(sql, evict(sql, p, e));
        } finally {
            release(p);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement p = statements == null ? null : statements.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            if (statements != null) {
                statements.put(sql, p);
            }
        }
        for (int i = 0; i < args.length; i++) {
            bind(p, i + 1, args[i]);
        }
        return p;
    }

    /** Closes a statement unless the cache keeps it. */
    private void release(PreparedStatement p) {
        if (p != null && statements == null) {
            closeQuietly(p);
        }
    }

    /** A statement that failed is not reused: SQLite may have left it in a state a reset does not clear. */
    private SQLException evict(String sql, PreparedStatement p, SQLException e) {
        if (statements != null && p != null && statements.remove(sql, p)) {
            closeQuietly(p);
        }
        return e;
    }

    private static void closeQuietly(PreparedStatement p) {
        try {
            p.close();
        } catch (SQLException ignored) {
            // closing a statement that is already unusable
        }
    }

    private static void bind(PreparedStatement p, int index, Object v) throws SQLException {
        if (v == null) {
            p.setNull(index, Types.NULL);
        } else if (v instanceof Long l) {
            p.setLong(index, l);
        } else if (v instanceof Integer i) {
            p.setInt(index, i);
        } else if (v instanceof Boolean b) {
            p.setInt(index, b ? 1 : 0);
        } else if (v instanceof byte[] bytes) {
            p.setBytes(index, bytes);
        } else {
            p.setString(index, v.toString());
        }
    }

    static StoreException fail(String sql, SQLException e) {
        String what = sql.length() > 60 ? sql.substring(0, 60) + "..." : sql;
        return new StoreException("database error (" + e.getMessage() + ") in: " + what, e);
    }
}
