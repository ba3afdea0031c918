package dev.sparky.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.bench.data.BenchProjects;
import dev.sparky.bench.sys.Stats;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency script stamps when its first line ran, before the date it runs next, on the caller's clock. */
class LatencyProbeTest {

    @Test
    void theFirstLineIsStampedBetweenTheStartAndTheDate(@TempDir Path home) throws Exception {
        Path stamps = home.resolve("stamps of 'the' run");
        java.nio.file.Files.createDirectories(stamps);
        Path job = BenchProjects.latency(home, stamps);

        long before = Stats.epochNanos();
        LatencyBench.Result r = LatencyBench.bare(job, stamps, 3);
        long after = Stats.epochNanos();

        assertEquals(0, r.failed());
        assertEquals(3, r.millis().size());
        double window = (after - before) / 1e6;
        for (int i = 0; i < 3; i++) {
            double first = r.millis().get(i);
            double date = r.dateMillis().get(i);
            // bash's clock has microseconds: the first line may read up to 1 us before the caller's nanoseconds
            assertTrue(first > -0.001 && first < window, "first line " + first + " ms outside the run");
            assertTrue(date >= first - 0.001, "date " + date + " ms before the first line " + first + " ms");
        }
    }

    @Test
    void aStampWithoutTheFirstLineTimeSaysWhy() {
        assertEquals(
                new LatencyBench.Stamp(1_700_000_000_000_001_000L, 1_700_000_000_000_900_000L),
                LatencyBench.Stamp.parse("1700000000000001000 1700000000000900000\n"));
        var old =
                assertThrows(IllegalArgumentException.class, () -> LatencyBench.Stamp.parse("000 1700000000000900000"));
        assertTrue(old.getMessage().contains("bash 5.0"), old.getMessage());
        var single =
                assertThrows(IllegalArgumentException.class, () -> LatencyBench.Stamp.parse("1700000000000900000"));
        assertTrue(single.getMessage().contains("<first line ns> <date ns>"), single.getMessage());
    }
}
