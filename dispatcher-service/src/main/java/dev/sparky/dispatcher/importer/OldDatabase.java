package dev.sparky.dispatcher.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads Sparky's {@code db.sqlite3} read-only, all of it, before anything is written: a file that is not an SQLite
 * database, fails the integrity check, or has no {@code builds} table of Sparky's shape stops the import.
 */
public final class OldDatabase {
    private OldDatabase() {}

    public static List<OldBuild> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    throw malformed(file, "the integrity check says: " + result, null);
                }
            }
            String jobColumn = jobColumn(s, file);
            List<OldBuild> builds = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT id, project, " + jobColumn + ", description, state, dt FROM builds ORDER BY id")) {
                while (rs.next()) {
                    Object state = rs.getObject(5);
                    builds.add(new OldBuild(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            state == null ? null : toInt(state),
                            rs.getString(6)));
                }
            }
            return builds;
        } catch (SQLException e) {
            throw malformed(file, e.getMessage(), e);
        }
    }

    /** Sparky renamed {@code key} to {@code job_id} in 0.1.6; both are read. */
    private static String jobColumn(Statement s, Path file) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(builds)")) {
            while (rs.next()) {
                columns.add(rs.getString("name").toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (columns.isEmpty()) {
            throw malformed(file, "it has no builds table", null);
        }
        for (String needed : List.of("id", "project", "state", "dt")) {
            if (!columns.contains(needed)) {
                throw malformed(
                        file,
                        "its builds table has no column " + needed
                                + " (Sparky's is id, project, job_id, description, state, dt)",
                        null);
            }
        }
        if (columns.contains("job_id")) {
            return "job_id";
        }
        if (columns.contains("key")) {
            return "\"key\"";
        }
        throw malformed(file, "its builds table has neither job_id nor key", null);
    }

    private static Integer toInt(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(value.toString().strip());
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static ImportException malformed(Path file, String why, Throwable cause) {
        return new ImportException(
                file + " is not a Sparky database: " + why
                        + ". Nothing was imported. Check the file (sqlite3 " + file
                        + " .schema), or move it away to import "
                        + "the projects, users and ACL without the build history",
                cause);
    }
}
