package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The dispatcher's migration runner from before Flyway, kept for tests only: it makes databases the way earlier
 * releases did (scripts from {@code index.txt}, split at line-ending semicolons, recorded in
 * {@code schema_version}), so the tests can check that the current code adopts them.
 */
final class OldMigrationRunner {
    private OldMigrationRunner() {}

    /** Creates {@code sparky.db} in {@code stateDir} with the scripts up to {@code upTo}, as an old release did. */
    static void migrate(Path stateDir, int upTo) throws Exception {
        java.nio.file.Files.createDirectories(stateDir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("sparky.db"));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            List<String> scripts = new IndexedMigrations().names();
            c.setAutoCommit(false);
            for (int v = 1; v <= upTo; v++) {
                for (String sql : statements(resource(scripts.get(v - 1)))) {
                    s.execute(sql);
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, scripts.get(v - 1));
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                c.commit();
            }
        }
    }

    private static List<String> statements(String script) {
        StringBuilder kept = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : kept.toString().split(";\\s*\n")) {
            if (!part.isBlank()) {
                out.add(part.trim().replaceAll(";$", ""));
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                OldMigrationRunner.class.getClassLoader().getResourceAsStream(IndexedMigrations.FOLDER + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void insertBuild(Path stateDir, String project, String jobId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("sparky.db"));
                PreparedStatement p = c.prepareStatement("INSERT INTO builds (project, job_id, requested_by, "
                        + "source, state, queued_at) VALUES (?, ?, 'me', 'api', 'succeeded', 1)")) {
            p.setString(1, project);
            p.setString(2, jobId);
            p.executeUpdate();
        }
    }
}
