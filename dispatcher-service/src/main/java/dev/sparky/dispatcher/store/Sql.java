package dev.sparky.dispatcher.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers over a connection: bind arguments by type (null allowed), map rows, wrap SQL errors. */
final class Sql {
    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection c;

    Sql(Connection c) {
        this.c = c;
    }

    int update(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args)) {
            return p.executeUpdate();
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement p = prepare(sql, args); ResultSet rs = p.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = list(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    long number(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    void execute(String sql) {
        try (var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            bind(p, i + 1, args[i]);
        }
        return p;
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
