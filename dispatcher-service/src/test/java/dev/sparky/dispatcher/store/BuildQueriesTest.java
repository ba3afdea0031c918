package dev.sparky.dispatcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.api.Page;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyset paging, newest first, and query plans that use the indexes (fast with a million builds). */
class BuildQueriesTest {
    @TempDir
    Path dir;

    Database db;
    SqliteBuildRepository repo;
    BuildQueries queries;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(dir);
        repo = new SqliteBuildRepository(db.openWriter());
        queries = new BuildQueries(db);
        repo.inTransaction(() -> {
            for (int i = 1; i <= 25; i++) {
                String project = i % 2 == 0 ? "even" : "odd";
                BuildState state = i % 5 == 0 ? BuildState.FAILED : BuildState.SUCCEEDED;
                repo.insertBuild(new NewBuild(
                        project,
                        "job" + i,
                        null,
                        Map.of("n", "" + i),
                        "t",
                        "api",
                        null,
                        state,
                        null,
                        i,
                        (long) i,
                        RunnerPools.DEFAULT));
            }
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        repo.close();
        db.close();
    }

    @Test
    void pagesNewestFirstWithACursor() {
        Page<BuildRow> first = queries.list(null, null, null, 10);
        assertEquals(25, first.items().get(0).id());
        assertEquals(16, first.next());
        Page<BuildRow> second = queries.list(null, null, first.next(), 10);
        assertEquals(15, second.items().get(0).id());
        Page<BuildRow> last = queries.list(null, null, 6L, 10);
        assertEquals(5, last.items().size());
        assertNull(last.next());
    }

    @Test
    void filtersByProjectAndState() {
        Page<BuildRow> failedEven = queries.list("even", BuildState.FAILED, null, 10);
        assertEquals(
                java.util.List.of(20L, 10L),
                failedEven.items().stream().map(BuildRow::id).toList());
        assertEquals(Map.of("n", "20"), failedEven.items().get(0).params());
    }

    @Test
    void listQueriesUseIndexesNotTableScans() throws Exception {
        assertUsesIndex("SELECT * FROM builds WHERE project = 'a' AND id < 5 ORDER BY id DESC LIMIT 51");
        assertUsesIndex("SELECT * FROM builds WHERE state = 'queued' AND id < 5 ORDER BY id DESC LIMIT 51");
        assertUsesIndex("SELECT * FROM builds WHERE project = 'a' AND job_id = 'x'");
        assertUsesIndex("SELECT project FROM builds WHERE state = 'queued' AND dispatched_at IS NULL "
                + "GROUP BY project ORDER BY MIN(id)");
        assertUsesIndex("SELECT COUNT(*) FROM builds WHERE project = 'a' AND (state = 'running' OR "
                + "(state = 'queued' AND dispatched_at IS NOT NULL))");
        assertTrue(plan("SELECT COUNT(*) FROM builds WHERE project = 'a' AND (state = 'running' OR "
                        + "(state = 'queued' AND dispatched_at IS NOT NULL))")
                .contains("builds_active"));
        assertUsesIndex("SELECT * FROM attempts WHERE state = 'running' AND last_seen < 5 ORDER BY last_seen");
    }

    private void assertUsesIndex(String sql) throws Exception {
        String p = plan(sql);
        assertTrue(p.contains("USING") && p.contains("INDEX"), sql + " -> " + p);
        assertFalse(p.matches("(?s).*SCAN (builds|attempts)\\s*\n.*"), sql + " -> " + p);
    }

    private String plan(String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.openWriter();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }
}
