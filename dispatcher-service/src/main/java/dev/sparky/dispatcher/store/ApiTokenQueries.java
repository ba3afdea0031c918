package dev.sparky.dispatcher.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads of the API tokens for the internal API, on the pooled read connections. */
public final class ApiTokenQueries {
    private static final String COLUMNS = "id, name, projects, actions, created_by, created_at, expires_at, revoked_at";

    private final Database db;

    public ApiTokenQueries(Database db) {
        this.db = db;
    }

    /** The token of this hash while it is not revoked and not expired at {@code nowMillis}. */
    public Optional<ApiTokenRow> valid(String tokenHash, long nowMillis) {
        return db.read(c -> new Sql(c)
                .one(
                        "SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ? "
                                + "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
                        ApiTokenQueries::row,
                        tokenHash,
                        nowMillis));
    }

    /** Every token, newest first. */
    public List<ApiTokenRow> list() {
        return db.read(c -> new Sql(c)
                .list("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at DESC, id", ApiTokenQueries::row));
    }

    static ApiTokenRow row(ResultSet rs) throws SQLException {
        return new ApiTokenRow(
                rs.getString(1),
                rs.getString(2),
                split(rs.getString(3)),
                split(rs.getString(4)),
                rs.getString(5),
                instant(rs, 6),
                instant(rs, 7),
                instant(rs, 8));
    }

    /** Lists are stored comma-separated: names and actions never contain a comma. */
    static String join(List<String> values) {
        return String.join(",", values);
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
