package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema is created on a real file, once, in WAL mode, reopening applies nothing twice, and a database made
 * by the migration runner of earlier releases is adopted with its builds.
 */
class SchemaTest {
    @TempDir
    Path dir;

    @Test
    void createsTheSchemaOnceAndRecordsEachScript() throws Exception {
        Database.open(dir.resolve("state")).close();
        Database db = Database.open(dir.resolve("state"));
        assertTrue(Files.exists(dir.resolve("state/sparky.db")));
        try (Connection c = db.openWriter();
                Statement s = c.createStatement()) {
            assertEquals(7, Schema.currentVersion(c));
            assertEquals(
                    List.of(
                            "V001__builds.sql",
                            "V002__health.sql",
                            "V003__notifications.sql",
                            "V004__job_tokens.sql",
                            "V005__api_tokens.sql",
                            "V006__project_last_build.sql",
                            "V007__runner_pools.sql"),
                    strings(s.executeQuery("SELECT script FROM flyway_schema_history ORDER BY installed_rank")));
            assertEquals("wal", strings(s.executeQuery("PRAGMA journal_mode")).get(0));
            List<String> tables = strings(s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
            assertEquals(
                    List.of(
                                    "api_tokens",
                                    "attempts",
                                    "builds",
                                    "health",
                                    "job_tokens",
                                    "notifications",
                                    "outbox",
                                    "project_last_build",
                                    "runners",
                                    "syslog",
                                    "flyway_schema_history")
                            .stream()
                            .sorted()
                            .toList(),
                    tables);
            assertEquals(
                    "1", strings(s.executeQuery("SELECT COUNT(*) FROM health")).get(0));
        }
        db.close();
    }

    @Test
    void eachProjectsNewestBuildIsKeptThroughInsertsAndDeletes() throws Exception {
        Database db = Database.open(dir.resolve("state"));
        try (Connection c = db.openWriter();
                Statement s = c.createStatement()) {
            for (String p : List.of("a", "b", "a", "a")) {
                s.execute("INSERT INTO builds (project, job_id, requested_by, source, state, queued_at) VALUES ('" + p
                        + "', 'j' || (SELECT COUNT(*) FROM builds), 'me', 'api', 'queued', 1)");
            }
            assertEquals(List.of("a=4", "b=2"), lastBuilds(s));
            s.execute("DELETE FROM builds WHERE id = 1");
            assertEquals(List.of("a=4", "b=2"), lastBuilds(s), "an old build goes: nothing changes");
            s.execute("DELETE FROM builds WHERE id = 4");
            assertEquals(List.of("a=3", "b=2"), lastBuilds(s), "the newest goes: the one before takes over");
            s.execute("DELETE FROM builds WHERE id = 2");
            assertEquals(List.of("a=3"), lastBuilds(s), "no build left: no row");
        }
        db.close();
    }

    private static List<String> lastBuilds(Statement s) throws Exception {
        return strings(s.executeQuery("SELECT project || '=' || build_id FROM project_last_build ORDER BY project"));
    }

    @Test
    void aDatabaseOfTheOldMigrationRunnerKeepsItsBuildsAndGetsTheNewerScripts() throws Exception {
        Path state = dir.resolve("state");
        OldMigrationRunner.migrate(state, 5);
        OldMigrationRunner.insertBuild(state, "a", "j1");
        OldMigrationRunner.insertBuild(state, "b", "j2");
        OldMigrationRunner.insertBuild(state, "a", "j3");

        Database db = Database.open(state);
        try (Connection c = db.openWriter();
                Statement s = c.createStatement()) {
            assertEquals(7, Schema.currentVersion(c));
            assertEquals(
                    List.of("1:a:j1", "2:b:j2", "3:a:j3"),
                    strings(s.executeQuery("SELECT id || ':' || project || ':' || job_id FROM builds ORDER BY id")));
            assertEquals(
                    List.of("adopted from schema_version", "V006__project_last_build.sql", "V007__runner_pools.sql"),
                    strings(s.executeQuery("SELECT script FROM flyway_schema_history ORDER BY installed_rank")),
                    "baselined at the old runner's version 5, then only the scripts above it");
            assertEquals(List.of("a=3", "b=2"), lastBuilds(s), "V006 ran over the adopted builds");
            assertEquals(List.of("default"), strings(s.executeQuery("SELECT DISTINCT pool FROM builds")));
            assertEquals(
                    "5",
                    strings(s.executeQuery("SELECT MAX(version) FROM schema_version"))
                            .get(0),
                    "the old record is left as it was");
        }
        db.close();
        Database.open(state).close(); // a second start applies nothing and refuses nothing
    }

    @Test
    void aDatabaseOfTheOldRunnerAtTheLatestScriptIsAdoptedWithoutRunningAnything() throws Exception {
        Path state = dir.resolve("state");
        OldMigrationRunner.migrate(state, 7);
        OldMigrationRunner.insertBuild(state, "a", "j1");
        Database db = Database.open(state);
        try (Connection c = db.openWriter();
                Statement s = c.createStatement()) {
            assertEquals(7, Schema.currentVersion(c));
            assertEquals(
                    List.of("adopted from schema_version"),
                    strings(s.executeQuery("SELECT script FROM flyway_schema_history ORDER BY installed_rank")));
            assertEquals(List.of("a=1"), lastBuilds(s));
        }
        db.close();
    }

    @Test
    void aDatabaseWithTablesButNoHistoryIsRefusedWithItsName() throws Exception {
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + state.resolve("sparky.db"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stranger (x TEXT)");
        }
        StoreException e =
                org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> Database.open(state));
        assertTrue(e.getMessage().contains(state.resolve("sparky.db").toString()), e.getMessage());
    }

    @Test
    void scriptsAreListedInTheOrderOfTheirNumbers() {
        List<String> names = new IndexedMigrations().names();
        for (int i = 0; i < names.size(); i++) {
            assertTrue(names.get(i).startsWith(String.format("V%03d__", i + 1)), names.get(i));
        }
    }

    private static List<String> strings(ResultSet rs) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
