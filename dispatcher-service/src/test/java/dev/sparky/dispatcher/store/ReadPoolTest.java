package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's read connections cannot write, and a read datasource of another folder is refused at start. */
class ReadPoolTest {
    @TempDir
    Path dir;

    @Test
    void aReaderRefusesEveryWriteWhileTheWriterStillWrites() throws Exception {
        try (Database db = Database.open(dir.resolve("state"))) {
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> db.read(c -> {
                        try (Statement s = c.createStatement()) {
                            return s.executeUpdate("DELETE FROM health");
                        }
                    }));
            assertTrue(
                    e.getMessage().contains("readonly")
                            || e.getMessage().contains("read only")
                            || e.getMessage().contains("query_only"),
                    e.getMessage());
            try (Connection w = db.openWriter();
                    Statement s = w.createStatement()) {
                assertEquals(1, s.executeUpdate("UPDATE health SET beat_at = 5 WHERE id = 1"));
            }
            assertEquals(5L, (long) db.read(c -> new Sql(c).number("SELECT beat_at FROM health WHERE id = 1")));
        }
    }

    @Test
    void aReadDatasourceOfAnotherFileIsRefusedWithBothPaths() {
        Path state = dir.resolve("state");
        Path other = dir.resolve("elsewhere/sparky.db");
        try (AgroalDataSource pool = ReadPool.open(other)) {
            StoreException e =
                    assertThrows(StoreException.class, () -> Database.open(state, pool, "jdbc:sqlite:" + other));
            assertTrue(e.getMessage().contains(other.toString()), e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains(
                                    state.resolve("sparky.db").toAbsolutePath().toString()),
                    e.getMessage());
        }
    }

    @Test
    void aReadDatasourceOfTheStateFileIsTakenWhateverItsOptions() throws Exception {
        Path state = dir.resolve("state");
        try (AgroalDataSource pool = ReadPool.open(state.resolve("sparky.db"));
                Database db = Database.open(state, pool, "jdbc:sqlite:" + dir + "/./state/sparky.db?busy_timeout=1")) {
            assertEquals(1L, (long) db.read(c -> new Sql(c).number("SELECT COUNT(*) FROM health")));
        }
    }
}
