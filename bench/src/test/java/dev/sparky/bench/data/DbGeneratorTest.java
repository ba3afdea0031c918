package dev.sparky.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated database is one the dispatcher accepts as its own: migrated, recorded, consistent rows. */
class DbGeneratorTest {
    private static final Path MIGRATIONS = Path.of("../dispatcher-service/src/main/resources/db/migration");

    @Test
    void createsTheDispatcherSchemaAndRecordsEveryMigrationAsFlyway(@TempDir Path state) throws SQLException {
        new DbGenerator().growTo(state, 100, 7);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("sparky.db"))) {
            long scripts = 0;
            try {
                scripts = Files.readAllLines(MIGRATIONS.resolve("index.txt")).stream()
                        .filter(l -> !l.isBlank())
                        .count();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertEquals(scripts, count(c, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1"));
            assertEquals(100, count(c, "SELECT COUNT(*) FROM builds"));
            assertEquals(100, count(c, "SELECT COUNT(*) FROM attempts"));
            assertEquals(300, count(c, "SELECT COUNT(*) FROM syslog"));
            assertEquals(7, count(c, "SELECT COUNT(DISTINCT project) FROM builds"));
            assertEquals(0, count(c, "SELECT COUNT(*) FROM builds WHERE state NOT IN ('succeeded', 'failed')"));
        }
    }

    @Test
    void growsAnExistingFileAfterItsHighestIdAndKeepsTheSequence(@TempDir Path state) throws SQLException {
        DbGenerator g = new DbGenerator();
        g.growTo(state, 50, 3);
        assertEquals(70, g.growTo(state, 120, 3));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("sparky.db"))) {
            assertEquals(120, count(c, "SELECT MAX(id) FROM builds"));
            // AUTOINCREMENT must hand out 121 next, or the dispatcher would reuse a generated id.
            assertEquals(120, count(c, "SELECT seq FROM sqlite_sequence WHERE name = 'builds'"));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
