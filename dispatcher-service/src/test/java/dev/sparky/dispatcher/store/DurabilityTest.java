package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer commits without syncing (NORMAL) and syncs at the engine's durability points: a commit there is
 * FULL, so the write-ahead log, and with it every earlier commit, is on disk before Kafka offsets move.
 */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void commitsAreNormalAndADurabilityPointIsAFullCommitThatLeavesNormalBehind() throws Exception {
        Database db = Database.open(dir);
        Connection writer = db.openWriter();
        try (SqliteBuildRepository repo = new SqliteBuildRepository(writer)) {
            assertEquals(1, synchronous(writer), "NORMAL between durability points");
            repo.syncToDisk(12_345);
            assertEquals(1, synchronous(writer), "back to NORMAL after the point");
            long beat = db.read(c -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT beat_at FROM health WHERE id = 1")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(12_345, beat, "the point's own write is committed");
        } finally {
            db.close();
        }
    }

    private static int synchronous(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
