package dev.sparky.runner.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessGroupTest {
    @Test
    void signalsGoThroughTheCLibraryNotAKillProcess() {
        assertTrue(ProcessGroup.nativeSignals(), "JNA loads here, so no kill process is started per build");
    }

    @Test
    void killReachesEveryProcessOfTheGroupAndAnEmptyGroupIsNoError() throws Exception {
        Process leader = new ProcessBuilder("setsid", "bash", "-c", "sleep 60 & sleep 60 & wait").start();
        await().atMost(Duration.ofSeconds(5)).until(() -> leader.descendants().count() >= 2);
        var descendants = leader.descendants().toList();
        ProcessGroup group = new ProcessGroup(leader.pid());
        group.kill();
        assertTrue(leader.waitFor(5, TimeUnit.SECONDS), "the group leader is killed");
        for (ProcessHandle child : descendants) {
            child.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "background child " + child.pid() + " is killed too");
        }
        assertTrue(
                ProcessGroup.sentByKill2(-leader.pid(), ProcessGroup.Signal.KILL),
                "an empty group is answered by kill(2) itself (ESRCH), not handed to a kill process");
        group.kill();
        group.terminate();
    }
}
