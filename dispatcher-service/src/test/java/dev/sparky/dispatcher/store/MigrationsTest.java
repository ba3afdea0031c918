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

/** The schema is created on a real file, once, in WAL mode, and reopening applies nothing twice. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void createsTheSchemaOnceAndRecordsEachScript() throws Exception {
        Database.open(dir.resolve("state")).close();
        Database db = Database.open(dir.resolve("state"));
        assertTrue(Files.exists(dir.resolve("state/sparky.db")));
        try (Connection c = db.openWriter(); Statement s = c.createStatement()) {
            assertEquals(7, Migrations.currentVersion(c));
            assertEquals(List.of("V001__builds.sql", "V002__health.sql", "V003__notifications.sql",
                    "V004__job_tokens.sql", "V005__api_tokens.sql", "V006__project_last_build.sql",
                    "V007__runner_pools.sql"),
                    strings(s.executeQuery("SELECT script FROM schema_version ORDER BY version")));
            assertEquals("wal", strings(s.executeQuery("PRAGMA journal_mode")).get(0));
            List<String> tables = strings(s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
            assertEquals(List.of("api_tokens", "attempts", "builds", "health", "job_tokens", "notifications", "outbox",
                    "project_last_build", "runners", "schema_version", "syslog"),
                    tables);
            assertEquals("1", strings(s.executeQuery("SELECT COUNT(*) FROM health")).get(0));
        }
        db.close();
    }

    @Test
    void eachProjectsNewestBuildIsKeptThroughInsertsAndDeletes() throws Exception {
        Database db = Database.open(dir.resolve("state"));
        try (Connection c = db.openWriter(); Statement s = c.createStatement()) {
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
    void scriptsAreNumberedWithoutHoles() {
        List<Migrations.Script> scripts = Migrations.scripts();
        for (int i = 0; i < scripts.size(); i++) {
            assertEquals(i + 1, scripts.get(i).version());
        }
    }

    @Test
    void statementsAreSplitAtLineEndingSemicolons() {
        assertEquals(List.of("CREATE TABLE a (x TEXT DEFAULT ';')", "INSERT INTO a VALUES ('1')"),
                Migrations.statements("-- comment;\nCREATE TABLE a (x TEXT DEFAULT ';');\nINSERT INTO a VALUES ('1');\n"));
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
