package dev.sparky.bench.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Percentiles by nearest rank, and /proc readings of a live process. */
class StatsTest {
    @Test
    void nearestRankPercentiles() {
        List<Double> v = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            v.add((double) i);
        }
        assertEquals(100, Stats.percentile(v, 50));
        assertEquals(180, Stats.percentile(v, 90));
        assertEquals(198, Stats.percentile(v, 99));
        assertEquals(7, Stats.percentile(List.of(7.0), 99));
        assertTrue(Double.isNaN(Stats.percentile(List.of(), 50)));
    }

    @Test
    void readsCpuAndMemoryOfThisProcess() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcStats.rssMiB(self) > 1);
        assertTrue(ProcStats.cpu(self).ownTicks() > 0);
        assertEquals(-1, ProcStats.rssMiB(Long.MAX_VALUE));
    }
}
