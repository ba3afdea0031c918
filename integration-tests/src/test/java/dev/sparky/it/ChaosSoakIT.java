package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.chaos.ChaosOptions;
import dev.sparky.chaos.ChaosSoak;
import dev.sparky.chaos.Fault;
import dev.sparky.chaos.SoakReport;
import dev.sparky.testkit.SparkyCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chaos soak of {@code bin/sparky chaos}, small: 30 builds on 2 runners with one fault of each kind (a
 * runner killed, a runner hung past its lease, the dispatcher killed, the broker stopped for 10 s).
 */
@ClockBound
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosSoakIT {
    private SoakReport report;
    private String table;

    @BeforeAll
    void soak() throws Exception {
        Path home = Files.createTempDirectory("sparky-it-chaos");
        report = ChaosSoak.run(ChaosOptions.forBuilds(30, 2, 7), SparkyCluster.repoRootFromBuild(), home, System.out);
        table = report.table() + "\nhome: " + home;
        System.out.println(table);
    }

    @Test
    void nothingAcceptedIsLostDoubledOrLeftStuck() {
        assertEquals(
                EnumSet.allOf(Fault.Kind.class),
                report.faults().stream().map(Fault::kind).collect(Collectors.toSet()),
                "one fault of each kind was thrown: " + table);
        assertEquals(30, report.accepted(), table);
        assertEquals(0, report.neverAccepted(), "every refused trigger was accepted later: " + table);
        assertEquals(0, report.lost(), table);
        assertEquals(0, report.duplicated(), table);
        assertEquals(0, report.stuck(), table);
        assertEquals(0, report.unknownBuilds(), table);
        assertTrue(report.ok(), table);
    }

    @Test
    void everyBuildEndsAsItsScriptIntendsAndOnlyFaultsLoseAttempts() {
        assertEquals(0, report.wrongEndState(), table);
        assertEquals(0, report.unexplainedLost(), table);
    }
}
