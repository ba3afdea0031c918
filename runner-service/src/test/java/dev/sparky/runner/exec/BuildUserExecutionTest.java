package dev.sparky.runner.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds as an unprivileged account, for real: needs a runner running as root and util-linux setpriv (skipped
 * otherwise). The account {@code sparky-build-test} is created when missing.
 */
class BuildUserExecutionTest {
    private static final String USER = "sparky-build-test";
    private static BuildUser account;

    @TempDir
    Path home;

    private ExecFixture fx;

    @BeforeAll
    static void account() throws Exception {
        assumeTrue(BuildUsers.effectiveUid() == 0, "runner tests run as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "util-linux setpriv installed");
        BuildUsers lookup = BuildUsers.system(java.util.Optional.of(USER));
        if (lookup.resolve("r").user() == null) {
            Process p =
                    new ProcessBuilder("useradd", "--system", USER).inheritIO().start();
            assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "useradd " + USER);
        }
        account = BuildUsers.system(java.util.Optional.of(USER)).resolve("r").user();
    }

    @BeforeEach
    void setUp() throws IOException {
        // The build user must be able to reach its workspace and read the script, like in a real home.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        fx = new ExecFixture(
                ExecSettings.of(home, "runner-1", "http://ui:4000", Duration.ofMillis(500))
                        .withBuildUser(USER),
                ExecFixture.basicEnv());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void theScriptRunsAsTheBuildUserInAWorkspaceItOwns() throws IOException {
        fx.script(
                "web",
                "#!/bin/bash\nid -u\nid -g\ntouch made\nstat -c '%u' . made\n" + "echo \"home=$HOME user=$USER\"\n");
        ExecFixture.Run run = fx.run(Jobs.job(1, "web", "job.sh"));
        assertEquals(Outcome.SUCCEEDED, run.result().outcome(), run.log());
        int uid = account.uid();
        assertNotEquals(0, uid);
        Path ws = home.resolve("work/runner-1/web-1-1").toAbsolutePath();
        assertEquals(
                uid + "\n" + account.gid() + "\n" + uid + "\n" + uid + "\nhome=" + ws + ".home user=" + USER + "\n",
                run.log());
        assertEquals(
                List.of("setpriv", "--reuid=" + uid, "--regid=" + account.gid(), "--init-groups", "--"),
                run.prepared().command().subList(0, 5));
        assertFalse(Files.exists(ws), "the runner removes the build user's workspace");
    }

    @Test
    void theBuildUserCannotWriteOutsideItsWorkspace() throws IOException {
        fx.script("web", "#!/bin/bash\ntouch \"$0.changed\" 2>/dev/null && echo wrote || echo refused\n");
        ExecFixture.Run run = fx.run(Jobs.job(2, "web", "job.sh"));
        assertEquals("refused\n", run.log());
    }

    @Test
    void theCacheIsRestoredAndSavedAsTheBuildUser() throws IOException {
        fx.script(
                "web",
                "#!/bin/bash\n[ -f deps/v ] && echo \"had $(cat deps/v) owned by $(stat -c %u deps/v)\"\n"
                        + "mkdir -p deps && echo \"$SPARKY_BUILD_ID\" > deps/v\n");
        RunBuild first = Jobs.withCache(Jobs.job(3, "web", "job.sh"), List.of("deps"));
        RunBuild second = Jobs.withCache(Jobs.job(4, "web", "job.sh"), List.of("deps"));
        assertEquals(
                "[sparky] cache: no cache for deps yet\n[sparky] cache: saved deps (2 B)\n",
                fx.run(first).log());
        assertEquals(
                "[sparky] cache: restored deps (2 B)\nhad 3 owned by " + account.uid()
                        + "\n[sparky] cache: saved deps (2 B)\n",
                fx.run(second).log());
    }

    @Test
    void aStopStillReachesTheWholeGroupOfTheBuildUser() throws Exception {
        fx.script("web", "#!/bin/bash\nsleep 1000 &\necho \"child $!\"\nsleep 1000\n");
        ExecFixture.Run run = fx.run(Jobs.job(5, "web", "job.sh", Map.of(), Map.of(), List.of(), 1, 1 << 20));
        assertEquals(Outcome.TIMED_OUT, run.result().outcome());
        Matcher m = Pattern.compile("child (\\d+)").matcher(run.log());
        assertTrue(m.find(), run.log());
        Path proc = Path.of("/proc", m.group(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(proc) || zombie(proc));
        assertTrue(!Files.exists(proc) || zombie(proc), "background child of the build user is gone");
    }

    @Test
    void homeAndTmpdirAreTheBuildUsersOwnAndPrivate() throws IOException {
        fx.script(
                "web",
                "#!/bin/bash\nstat -c '%u %a' \"$HOME\" \"$TMPDIR\"\ntouch \"$HOME/h\" \"$TMPDIR/t\" && echo wrote\n");
        ExecFixture.Run run = fx.run(Jobs.job(7, "web", "job.sh"));
        assertEquals(account.uid() + " 700\n" + account.uid() + " 700\nwrote\n", run.log());
    }

    @Test
    void aBuildUserCanNeitherReadNorWriteAnotherProjectsCache() throws IOException {
        fx.script("b", "#!/bin/bash\nmkdir -p deps && echo from-b > deps/v\n");
        fx.run(Jobs.withCache(Jobs.job(8, "b", "job.sh"), List.of("deps")));
        Path bArchive = new dev.sparky.runner.cache.BuildCache(home.resolve("cache"), "runner-1", Duration.ofMinutes(1))
                .archive("b", "deps");
        byte[] before = Files.readAllBytes(bArchive);
        fx.script(
                "a",
                "#!/bin/bash\n(echo poisoned > " + bArchive + ") 2>/dev/null && echo overwrote || echo refused\n"
                        + "ls " + bArchive.getParent() + " >/dev/null 2>&1 && echo listed || echo refused\n"
                        + "mkdir " + home.resolve("cache/a") + " 2>/dev/null && echo made || echo refused\n");
        assertEquals(
                "refused\nrefused\nrefused\n",
                fx.run(Jobs.job(9, "a", "job.sh")).log());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(bArchive));
    }

    @Test
    void aDaemonOfTheBuildUserThatLeftTheSessionIsKilled() throws Exception {
        fx.script(
                "web",
                "#!/bin/bash\nsetsid nohup sleep 300 >/dev/null 2>&1 &\necho \"child $!\"\n"
                        + "while [ \"$(cut -d' ' -f6 /proc/$!/stat)\" = \"$$\" ]; do sleep 0.02; done\n");
        ExecFixture.Run run = fx.run(Jobs.job(10, "web", "job.sh"));
        assertEquals(Outcome.SUCCEEDED, run.result().outcome(), run.log());
        Matcher m = Pattern.compile("child (\\d+)").matcher(run.log());
        assertTrue(m.find(), run.log());
        Path proc = Path.of("/proc", m.group(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(proc) || zombie(proc));
        assertTrue(!Files.exists(proc) || zombie(proc), "the build user's daemon is gone");
    }

    @Test
    void aMissingBuildUserFailsTheBuildWithAClearReason() throws IOException {
        fx.close();
        fx = new ExecFixture(
                ExecSettings.of(home, "runner-1", "http://ui:4000", Duration.ofMillis(500))
                        .withBuildUser("no-such-sparky-user"),
                ExecFixture.basicEnv());
        fx.script("web", "#!/bin/bash\necho never\n");
        ExecFixture.Run run = fx.run(Jobs.job(6, "web", "job.sh"));
        assertEquals(Outcome.FAILED, run.result().outcome());
        assertEquals(
                "build user 'no-such-sparky-user' (sparky.runner.build-user) does not exist on runner runner-1",
                run.result().reason());
        assertEquals("", run.log());
    }

    private static boolean zombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }
}
