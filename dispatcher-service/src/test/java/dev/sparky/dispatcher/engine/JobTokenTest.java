package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.dispatcher.store.JobTokenOwner;
import dev.sparky.dispatcher.store.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job API tokens: one per hand-out, only the hash kept, valid while that attempt is handed out or running. */
class JobTokenTest {
    @TempDir
    Path home;

    EngineFixture f;
    long id;
    String first;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(home);
        f.project("hello", "concurrency: 1\nretries: 1\n");
        f.apply(f.request("hello", "a", Map.of()));
        id = f.build("hello", "a").orElseThrow().id();
        first = token(f.drainOutbox());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static String token(List<OutboxRow> out) {
        List<RunBuild> jobs = EngineFixture.jobs(out);
        assertEquals(1, jobs.size(), "one job handed out");
        return jobs.get(0).apiToken();
    }

    private Optional<JobTokenOwner> verify(String token) {
        return f.queries.jobTokenOwner(JobTokens.hash(token));
    }

    private List<String> storedHashes() {
        return f.db.read(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT token_hash FROM job_tokens")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void handOutIssuesA32ByteBase64UrlTokenAndStoresOnlyItsHash() {
        assertEquals(JobTokens.LENGTH, first.length());
        assertTrue(JobTokens.wellFormed(first), "base64url without padding");
        assertEquals(List.of(JobTokens.hash(first)), storedHashes());
        assertEquals(64, storedHashes().get(0).length(), "SHA-256 in hex");
        assertFalse(storedHashes().contains(first));
        assertEquals(Optional.of(new JobTokenOwner(id, "hello", "a", 1)), verify(first), "valid while handed out");
    }

    @Test
    void everyHandOutGetsItsOwnToken() {
        f.project("multi", "concurrency: 2\n");
        f.apply(f.request("multi", "x", Map.of()), f.request("multi", "y", Map.of()));
        List<RunBuild> jobs = EngineFixture.jobs(f.drainOutbox());
        assertEquals(2, jobs.size());
        assertNotEquals(jobs.get(0).apiToken(), jobs.get(1).apiToken());
        assertNotEquals(first, jobs.get(0).apiToken());
        assertEquals(
                jobs.get(1).buildId(),
                verify(jobs.get(1).apiToken()).orElseThrow().buildId());
    }

    @Test
    void validWhileRunningAndNotOnceTheBuildEnded() {
        f.apply(f.started("r1", id, 1));
        assertEquals(1, verify(first).orElseThrow().attempt());
        f.apply(f.finished("r1", id, 1, Outcome.SUCCEEDED, 0));
        assertEquals(BuildState.SUCCEEDED, f.build(id).state());
        assertTrue(verify(first).isEmpty());
        assertTrue(storedHashes().isEmpty(), "an ended build keeps no token");
    }

    @Test
    void cancelledHandedOutBuildLosesItsToken() {
        f.apply(f.cancel("hello", "a"));
        assertTrue(verify(first).isEmpty());
    }

    @Test
    void aNewAttemptGetsANewTokenAndTheOlderOneStopsWorking() {
        f.apply(f.started("r1", id, 1));
        f.tick(Duration.ofSeconds(11)); // r1 silent: attempt 1 lost, attempt 2 handed out
        String second = token(f.drainOutbox());
        assertNotEquals(first, second);
        assertTrue(verify(first).isEmpty(), "attempt 1's token");
        assertEquals(2, verify(second).orElseThrow().attempt());
        f.apply(f.started("r2", id, 2));
        assertEquals(2, verify(second).orElseThrow().attempt());
        assertTrue(verify(first).isEmpty());
    }

    @Test
    void handedBackAttemptsTokenStopsWorking() {
        f.apply(f.started("r1", id, 1), f.finished("r1", id, 1, Outcome.HANDED_BACK, null));
        String second = token(f.drainOutbox());
        assertTrue(verify(first).isEmpty());
        assertEquals(2, verify(second).orElseThrow().attempt());
    }

    @Test
    void garbageIsNotAToken() {
        assertTrue(verify("garbage").isEmpty());
        assertTrue(
                verify(new JobTokens(new java.security.SecureRandom()).next()).isEmpty(), "never issued");
        assertFalse(JobTokens.wellFormed("garbage"));
        assertFalse(JobTokens.wellFormed(first.substring(1) + "="));
        assertFalse(JobTokens.wellFormed(null));
    }

    @Test
    void reappliedBatchKeepsTheTokenOfTheJobHandedOut() {
        f.apply(f.request("hello", "a", Map.of())); // the same request again: no new hand-out
        assertTrue(EngineFixture.jobs(f.drainOutbox()).isEmpty());
        assertEquals(id, verify(first).orElseThrow().buildId());
    }

    @Test
    void theTokenAppearsInNoLogLineEventOrSystemLog() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                Object[] args = r.getParameters();
                logged.add(r.getMessage()
                        + (args == null ? "" : List.of(args).toString())
                        + (r.getThrown() == null ? "" : r.getThrown().toString()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        Logger ours = Logger.getLogger("dev.sparky");
        Level before = ours.getLevel();
        ours.setLevel(Level.ALL);
        root.addHandler(capture);
        List<String> tokens = new ArrayList<>(List.of(first));
        List<OutboxRow> out = new ArrayList<>();
        try {
            f.apply(f.request("hello", "a", Map.of()), f.started("r1", id, 1), f.started("r2", id, 1));
            f.tick(Duration.ofSeconds(11));
            out.addAll(f.drainOutbox());
            tokens.add(token(out));
            f.apply(f.started("r3", id, 2), f.finished("r3", id, 2, Outcome.FAILED, 3));
            out.addAll(f.drainOutbox());
        } finally {
            root.removeHandler(capture);
            ours.setLevel(before);
        }
        assertFalse(logged.isEmpty(), "the capture sees the engine's log lines");
        List<String> visible = new ArrayList<>(logged);
        visible.addAll(f.syslog(id));
        out.stream()
                .filter(r -> !r.topic().equals(dev.sparky.contracts.Topics.JOBS))
                .forEach(r -> visible.add(new String(r.value(), StandardCharsets.UTF_8)));
        visible.add(EngineFixture.jobs(out).get(0).toString());
        for (String token : tokens) {
            assertTrue(visible.stream().noneMatch(line -> line.contains(token)), "token leaked");
        }
    }
}
