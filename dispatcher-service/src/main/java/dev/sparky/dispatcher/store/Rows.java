package dev.sparky.dispatcher.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** Mapping between result sets and rows, and the nullable-column helpers JDBC lacks. */
final class Rows {
    static final String BUILD_COLUMNS = "id, project, job_id, description, params, requested_by, source, "
            + "parent_build_id, state, reason, attempt, runner_id, exit_code, cancel_requested, queued_at, "
            + "dispatched_at, started_at, finished_at, log_bytes, pool";
    static final String ATTEMPT_COLUMNS = "build_id, attempt, runner_id, state, started_at, finished_at, "
            + "last_seen, exit_code, log_bytes, reason";
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private Rows() {}

    static BuildRow build(ResultSet rs) throws SQLException {
        return new BuildRow(
                rs.getLong("id"),
                rs.getString("project"),
                rs.getString("job_id"),
                rs.getString("description"),
                map(rs.getString("params")),
                rs.getString("requested_by"),
                rs.getString("source"),
                longOrNull(rs, "parent_build_id"),
                BuildState.fromWire(rs.getString("state")),
                rs.getString("reason"),
                rs.getInt("attempt"),
                rs.getString("runner_id"),
                intOrNull(rs, "exit_code"),
                rs.getInt("cancel_requested") != 0,
                rs.getLong("queued_at"),
                longOrNull(rs, "dispatched_at"),
                longOrNull(rs, "started_at"),
                longOrNull(rs, "finished_at"),
                rs.getLong("log_bytes"),
                rs.getString("pool"));
    }

    static AttemptRow attempt(ResultSet rs) throws SQLException {
        return new AttemptRow(
                rs.getLong("build_id"),
                rs.getInt("attempt"),
                rs.getString("runner_id"),
                rs.getString("state"),
                rs.getLong("started_at"),
                longOrNull(rs, "finished_at"),
                rs.getLong("last_seen"),
                intOrNull(rs, "exit_code"),
                rs.getLong("log_bytes"),
                rs.getString("reason"));
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static String json(Map<String, String> map) {
        return new String(Json.write(map == null ? Map.of() : map), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<String, String> map(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, STRING_MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON map is damaged: " + e.getMessage(), e);
        }
    }
}
