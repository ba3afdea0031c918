package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {
    private final LeftoverProcesses leftovers = new LeftoverProcesses();

    @Test
    void aRestartedRunnerKillsWhatItsEarlierBuildsLeftAndNothingOfAnotherHomesRunnerOfTheSameId() throws Exception {
        String mine = LeftoverProcesses.owner("runner-1", Path.of("/srv/a/work/runner-1"));
        String theirs = LeftoverProcesses.owner("runner-1", Path.of("/srv/b/work/runner-1"));
        assertNotEquals(mine, theirs);
        Process left = marked(LeftoverProcesses.newCookie(mine));
        Process other = marked(LeftoverProcesses.newCookie(theirs));
        try {
            assertEquals(1, leftovers.killLeftBy(mine));
            assertTrue(left.waitFor(5, TimeUnit.SECONDS), "the earlier run's leftover is killed");
            assertTrue(other.isAlive(), "the other home's build is left alone");
        } finally {
            left.destroyForcibly();
            other.destroyForcibly();
        }
    }

    @Test
    void onlyTheExactCookieIsKilledAtTheEndOfABuild() throws Exception {
        String owner = LeftoverProcesses.owner("runner-9", Path.of("/srv/a/work/runner-9"));
        String cookie = LeftoverProcesses.newCookie(owner);
        PidWindow since = leftovers.window();
        Process build = marked(cookie);
        Process next = marked(LeftoverProcesses.newCookie(owner));
        try {
            assertEquals(1, leftovers.killHolding(cookie, 0, since));
            assertTrue(build.waitFor(5, TimeUnit.SECONDS));
            assertTrue(next.isAlive(), "another build's process keeps running");
            assertEquals(0, leftovers.killHolding(cookie, 0, since), "nothing left to kill");
        } finally {
            build.destroyForcibly();
            next.destroyForcibly();
        }
    }

    /**
     * A process between two programs shows an empty environment (or a single byte) for a moment (the kernel has swapped in the new
     * program's memory but not yet written its environment there): a sweep that read it only then must look again.
     * Each of these processes does nothing but exec itself, so that any scan may land inside an exec.
     */
    @Test
    void aProcessCaughtBetweenTwoProgramsIsKilledAllTheSame(@TempDir Path dir) throws Exception {
        Path reexec = dir.resolve("reexec.sh");
        Files.writeString(reexec, "#!/bin/sh\nexec \"$0\"\n");
        Files.setPosixFilePermissions(reexec, PosixFilePermissions.fromString("rwx------"));
        String owner = LeftoverProcesses.owner("runner-7", dir);
        for (int round = 0; round < 100; round++) {
            String cookie = LeftoverProcesses.newCookie(owner);
            PidWindow since = leftovers.window();
            ProcessBuilder pb = new ProcessBuilder(reexec.toString());
            pb.environment().put(LeftoverProcesses.VARIABLE, cookie);
            Process churning = pb.start();
            try {
                assertEquals(1, leftovers.killHolding(cookie, 0, since), "round " + round);
                assertTrue(churning.waitFor(5, TimeUnit.SECONDS), "round " + round + ": the process is gone");
            } finally {
                churning.destroyForcibly();
            }
        }
    }

    private static Process marked(String cookie) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sleep", "300");
        pb.environment().put(LeftoverProcesses.VARIABLE, cookie);
        return pb.start();
    }
}
