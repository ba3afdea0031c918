package dev.sparky.dispatcher.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.dispatcher.store.BuildRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash after the database commit and before the Kafka commit makes the engine apply the same batch again.
 * The end state must be the same as without the crash: builds, attempts, log files and jobs handed out.
 */
class ReapplyTest {
    @TempDir
    Path once;

    @TempDir
    Path twice;

    @Test
    void everyBatchAppliedTwiceEndsInTheSameState() throws Exception {
        String expected = run(once, false);
        String actual = run(twice, true);
        assertEquals(expected, actual);
    }

    private static String run(Path home, boolean reapply) throws Exception {
        try (EngineFixture f = new EngineFixture(home)) {
            f.project("hello", "concurrency: 1\nretries: 1\n");
            List<Function<EngineFixture, List<Inbound>>> batches = List.of(
                    x -> List.of(x.request("hello", "a", Map.of()), x.request("hello", "b", Map.of())),
                    x -> List.of(x.started("r1", 1, 1), x.chunk("r1", 1, 1, 0, "out 1\n"), x.heartbeat("r1", 1L, 1)),
                    x -> List.of(x.chunk("r1", 1, 1, 6, "out 2\n"), x.finished("r1", 1, 1, Outcome.FAILED, 1)),
                    x -> List.of(x.started("r2", 2, 1), x.cancel("hello", "b")),
                    x -> List.of(x.finished("r2", 2, 1, Outcome.CANCELLED, null), x.request("hello", "c", Map.of())),
                    x -> List.of(x.started("r1", 3, 1), x.finished("r1", 3, 1, Outcome.HANDED_BACK, null)),
                    x -> List.of(x.started("r2", 3, 2), x.chunk("r2", 3, 2, 0, "again\n")));
            int jobs = 0;
            for (var batch : batches) {
                List<Inbound> records = batch.apply(f);
                f.engine.apply(records, true);
                f.logs.syncTouched();
                jobs += EngineFixture.jobs(f.drainOutbox()).size();
                if (reapply) {
                    f.engine.apply(records, true);
                    f.logs.syncTouched();
                    jobs += EngineFixture.jobs(f.drainOutbox()).size();
                }
                f.clock.advance(Duration.ofSeconds(1));
            }
            return snapshot(f, home) + "jobs handed out: " + jobs;
        }
    }

    private static String snapshot(EngineFixture f, Path home) throws Exception {
        StringBuilder s = new StringBuilder();
        for (BuildRow b : f.queries.list(null, null, null, 100).items()) {
            s.append(b.id())
                    .append(' ')
                    .append(b.jobId())
                    .append(' ')
                    .append(b.state())
                    .append(' ')
                    .append(b.attempt())
                    .append(' ')
                    .append(b.runnerId())
                    .append(' ')
                    .append(b.exitCode())
                    .append(' ')
                    .append(b.reason())
                    .append(' ')
                    .append(b.logBytes())
                    .append('\n');
            for (var a : f.attempts(b.id())) {
                s.append("  ")
                        .append(a.attempt())
                        .append(' ')
                        .append(a.runnerId())
                        .append(' ')
                        .append(a.state())
                        .append(' ')
                        .append(a.logBytes())
                        .append('\n');
                Path log = home.resolve("state/logs/" + b.id() + "/" + a.attempt() + ".log");
                s.append("  log: ")
                        .append(Files.exists(log) ? Files.readString(log) : "-")
                        .append('\n');
            }
        }
        List<String> lines = new ArrayList<>();
        f.queries.runners().forEach(r -> lines.add(r.runnerId() + " " + r.state()));
        return s + String.join(",", lines) + "\n";
    }
}
