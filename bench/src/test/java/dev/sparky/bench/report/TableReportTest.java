package dev.sparky.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Targets decide "met?"; a value that could not be measured never meets one. */
class TableReportTest {
    @Test
    void boundsAndMissingValues() {
        assertTrue(Metric.atMost("a", "a", 25, "ms", 25).met());
        assertFalse(Metric.atMost("a", "a", 25.1, "ms", 25).met());
        assertTrue(Metric.atLeast("b", "b", 3000, "/min", 3000).met());
        assertFalse(Metric.atLeast("b", "b", Double.NaN, "/min", 3000).met());
    }

    @Test
    void rowsShowValueTargetAndVerdict() {
        String table = TableReport.markdown(
                List.of(Metric.atMost("l", "latency p50", 31.25, "ms", 25), Metric.info("r", "ratio", 2, "x")));
        String[] lines = table.split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[2].contains("31.3 ms") && lines[2].contains("<= 25") && lines[2].contains("NO"));
        assertTrue(lines[3].contains("2 x"));
    }
}
