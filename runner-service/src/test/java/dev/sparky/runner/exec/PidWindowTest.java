package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PidWindowTest {
    private static final long PID_MAX = 32768;

    @Test
    void theArcHoldsThePidsGivenOutSinceTheMark() {
        PidWindow.Arc arc = PidWindow.bounded(
                        new PidWindow.Mark(1000, 50, 400), new PidWindow.Mark(1004, 54, 401), PID_MAX)
                .orElseThrow();
        assertEquals(List.of(1001L, 1002L, 1003L, 1004L), pids(arc));
        assertFalse(arc.test(1000));
        assertTrue(arc.test(1004));
        assertFalse(arc.test(1005));
    }

    @Test
    void theArcWrapsAtPidMax() {
        PidWindow.Arc arc = PidWindow.bounded(
                        new PidWindow.Mark(32765, 50, 400), new PidWindow.Mark(302, 56, 401), PID_MAX)
                .orElseThrow();
        assertTrue(arc.test(32766) && arc.test(32767) && arc.test(300) && arc.test(302));
        assertFalse(arc.test(32765) || arc.test(303) || arc.test(5000));
        assertEquals(2 + 302, arc.size());
    }

    @Test
    void soManyForksThatTheCycleMayHaveGoneRoundBoundNothing() {
        Optional<PidWindow.Arc> arc =
                PidWindow.bounded(new PidWindow.Mark(1000, 0, 400), new PidWindow.Mark(1004, 16_000, 400), PID_MAX);
        assertTrue(arc.isEmpty(), "16,000 forks and 400 tasks may have passed every pid: everything is searched");
        assertTrue(PidWindow.bounded(new PidWindow.Mark(1000, 0, 400), new PidWindow.Mark(1004, 15_000, 400), PID_MAX)
                .isPresent());
    }

    @Test
    void aNewProcessIsInTheWindowOfThisMachinesProc() throws Exception {
        PidWindow window = PidWindow.from(Path.of("/proc"));
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            PidWindow.Arc arc = window.arc().orElseThrow();
            assertTrue(arc.test(p.pid()), arc + " holds " + p.pid());
            assertFalse(arc.test(ProcessHandle.current().pid()), "this JVM started before the window");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(PidWindow.everything(Path.of("/proc")).arc().isEmpty());
    }

    private static List<Long> pids(PidWindow.Arc arc) {
        List<Long> out = new ArrayList<>();
        arc.forEach(out::add);
        return out;
    }
}
