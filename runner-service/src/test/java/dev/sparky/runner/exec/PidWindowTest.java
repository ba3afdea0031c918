package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theMarkIsReadFromLoadavgAndTheForksLineOfStat(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/pid_max"), "4194304\n");
        Files.writeString(proc.resolve("loadavg"), "0.42 0.50 0.61 2/674 14030\n");
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3\nintr 7 0 0\nctxt 99\nprocesses 52000\nprocs_running 2\n");
        PidWindow window = PidWindow.from(proc);
        Files.writeString(proc.resolve("loadavg"), "0.42 0.50 0.61 3/675 14090\n");
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3\nprocesses 52060\n");
        PidWindow.Arc arc = window.arc().orElseThrow();
        assertEquals(60, arc.size(), "the pids given out after 14030 up to 14090");
        assertTrue(arc.test(14031) && arc.test(14090) && !arc.test(14030));
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3\n");
        assertTrue(window.arc().isEmpty(), "no forks line: the window cannot be bounded");
    }

    private static List<Long> pids(PidWindow.Arc arc) {
        List<Long> out = new ArrayList<>();
        arc.forEach(out::add);
        return out;
    }
}
