package dev.sparky.dispatcher.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the numbered scripts {@code db/migration/V001__name.sql, V002__...} in order, each in its own
 * transaction with its row in {@code schema_version}. The scripts are listed in {@code db/migration/index.txt}
 * because a classpath folder cannot be listed reliably inside a jar.
 */
public final class Migrations {
    static final String FOLDER = "db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d{3})__([A-Za-z0-9_]+)\\.sql");

    private Migrations() {
    }

    /** A script: its number and file name. */
    record Script(int version, String file) {
    }

    /** @return the schema version after migrating */
    public static int apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int current = currentVersion(c);
        for (Script script : scripts()) {
            if (script.version() > current) {
                applyOne(c, script);
                current = script.version();
            }
        }
        return current;
    }

    public static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static List<Script> scripts() {
        List<Script> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String file = line.trim();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration " + file + ": name must look like V001__builds.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (version != out.size() + 1) {
                throw new IllegalStateException("migration " + file + ": expected number " + (out.size() + 1));
            }
            out.add(new Script(version, file));
        }
        return out;
    }

    private static void applyOne(Connection c, Script script) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements(resource(script.file()))) {
                s.execute(sql);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                p.setInt(1, script.version());
                p.setString(2, script.file());
                p.setLong(3, System.currentTimeMillis());
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration " + script.file() + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * Splits a script at semicolons that end a line; comment lines are dropped. A trigger's body is written on
     * one line ({@code BEGIN ...; ...; END;}), so its inner semicolons do not end the statement.
     */
    static List<String> statements(String script) {
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

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FOLDER + name, e);
        }
    }
}
