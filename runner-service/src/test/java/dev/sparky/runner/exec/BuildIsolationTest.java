package dev.sparky.runner.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.runner.cache.BuildCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds against each other and against their runner, with real processes and the runner's own user: each attack
 * is performed by a build script and must fail.
 */
class BuildIsolationTest {
    private static final String B_SECRET = "b-deploy-key-0815";
    /** Starts a nohup'd process in a session of its own and a double-forked daemon; prints their pids and sessions. */
    private static final String ESCAPE = """
            #!/bin/bash
            setsid nohup sleep 300 >/dev/null 2>&1 &
            n=$!
            ( setsid bash -c 'sleep 300 >/dev/null 2>&1 & echo $! > "$TMPDIR/daemon"' & )
            while [ ! -s "$TMPDIR/daemon" ]; do sleep 0.02; done
            d=$(cat "$TMPDIR/daemon")
            sid() { cut -d' ' -f6 /proc/$1/stat; }
            while [ "$(sid $n)" = "$$" ]; do sleep 0.02; done
            echo "nohup $n session $(sid $n)"
            echo "daemon $d session $(sid $d)"
            echo "script session $$"
            """;

    @TempDir
    Path home;

    private ExecFixture fx;

    @BeforeEach
    void setUp() {
        Map<String, String> runnerEnv = new HashMap<>(ExecFixture.basicEnv());
        runnerEnv.put("DEPLOY_KEY", "old-style-value-in-the-runner-env");
        fx = new ExecFixture(home, runnerEnv);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void whatABuildLeavesInHomeAndTmpdirIsGoneForTheNextBuildOfAnotherProject() throws IOException {
        fx.script(
                "a",
                "#!/bin/bash\necho mine > \"$HOME/.netrc\"\necho mine > \"$TMPDIR/token\"\n"
                        + "stat -c '%a' \"$HOME\" \"$TMPDIR\"\necho \"$HOME $TMPDIR\"\n");
        ExecFixture.Run a = fx.run(Jobs.job(1, "a", "job.sh"));
        assertEquals(Outcome.SUCCEEDED, a.result().outcome(), a.log());
        String[] lines = a.log().split("\n");
        assertEquals("700", lines[0], "HOME is private");
        assertEquals("700", lines[1], "TMPDIR is private");
        String[] dirs = lines[2].split(" ");
        Path ws = home.resolve("work/runner-1/a-1-1").toAbsolutePath();
        assertEquals(ws + ".home", dirs[0]);
        assertEquals(ws + ".tmp", dirs[1]);
        assertFalse(Files.exists(Path.of(dirs[0])) || Files.exists(Path.of(dirs[1])), "removed with the workspace");

        fx.script(
                "b",
                "#!/bin/bash\nls -A \"$HOME\" \"$TMPDIR\"\ncat " + dirs[0] + "/.netrc " + dirs[1]
                        + "/token 2>&1 | sed 's/.*: //'\n");
        ExecFixture.Run b = fx.run(Jobs.job(2, "b", "job.sh"));
        Path wsB = home.resolve("work/runner-1/b-2-1").toAbsolutePath();
        assertEquals(
                wsB + ".home:\n" + BuildEnvironment.PARAMS_FILE + "\n\n" + wsB
                        + ".tmp:\nNo such file or directory\nNo such file or directory\n",
                b.log(),
                "B's HOME holds only its own parameters file, its TMPDIR is empty, and A's files are gone");
    }

    @Test
    void processesThatLeftTheGroupAndSessionAreKilledWhenTheBuildEnds() throws Exception {
        fx.script("escape", ESCAPE);
        ExecFixture.Run run = fx.run(Jobs.job(3, "escape", "job.sh"));
        assertEquals(Outcome.SUCCEEDED, run.result().outcome(), run.log());
        assertEscapedAndGone(run.log());
    }

    @Test
    void aCancelledBuildLeavesNoDaemonEither() throws Exception {
        fx.script("escape", ESCAPE + "sleep 1000\n");
        RunBuild job = Jobs.job(4, "escape", "job.sh");
        BuildControl control = new BuildControl();
        CollectingSink sink = new CollectingSink();
        CompletableFuture<ExecResult> result = CompletableFuture.supplyAsync(
                () -> fx.executor.run(fx.executor.launch(fx.executor.prepare(job)), control, sink));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.text().contains("script session"));
        control.requestStop(Outcome.CANCELLED, "cancelled by alice");
        assertEquals(Outcome.CANCELLED, result.get(10, TimeUnit.SECONDS).outcome());
        assertEscapedAndGone(sink.text());
    }

    @Test
    void aProjectNamingAnotherProjectsSecretGetsNothingButANote() throws IOException {
        secret("b", "DEPLOY_KEY", B_SECRET);
        fx.script("a", "#!/bin/bash\necho \"key=[${DEPLOY_KEY-}]\"\n");
        RunBuild job = Jobs.job(5, "a", "job.sh", Map.of(), Map.of(), List.of("DEPLOY_KEY"), 60, 1 << 20);
        ExecFixture.Run run = fx.run(job);
        assertEquals("key=[]\n", run.log(), "neither B's file nor the runner's own DEPLOY_KEY variable");
        assertEquals(
                List.of("secret DEPLOY_KEY is not set for project a (expected file "
                        + home.toAbsolutePath().resolve("secrets/a/DEPLOY_KEY") + ")"),
                run.prepared().notes());
        assertFalse(run.prepared().environment().containsKey("DEPLOY_KEY"));
    }

    @Test
    void aSecretNameCannotLeadOutOfTheProjectsFolder() throws IOException {
        secret("b", "DEPLOY_KEY", B_SECRET);
        fx.script("a", "#!/bin/bash\nenv\n");
        RunBuild job = Jobs.job(6, "a", "job.sh", Map.of(), Map.of(), List.of("../b/DEPLOY_KEY"), 60, 1 << 20);
        ExecFixture.Run run = fx.run(job);
        assertFalse(run.log().contains(B_SECRET), run.log());
        assertEquals(
                List.of("secret '../b/DEPLOY_KEY' not passed: a secret name is an environment variable name"
                        + " (letters, digits, '_', not starting with a digit)"),
                run.prepared().notes());
    }

    @Test
    void theRunnersEnvironmentHoldsNoProjectsSecret() throws IOException {
        secret("b", "DEPLOY_KEY", B_SECRET);
        fx.script("b", "#!/bin/bash\necho \"key=$DEPLOY_KEY\"\n");
        ExecFixture.Run b = fx.run(Jobs.job(7, "b", "job.sh", Map.of(), Map.of(), List.of("DEPLOY_KEY"), 60, 1 << 20));
        assertEquals("key=*****\n", b.log(), "B gets its secret, masked");
        // A build of A, run by the same runner process, reads that process's environment: B's secret is not there.
        fx.script(
                "a",
                "#!/bin/bash\ntr '\\0' '\\n' < /proc/$PPID/environ | grep -c -F " + B_SECRET + "\n"
                        + "echo \"parent=$PPID\"\n");
        ExecFixture.Run a = fx.run(Jobs.job(8, "a", "job.sh"));
        assertEquals(
                "0\nparent=" + ProcessHandle.current().pid() + "\n",
                a.log(),
                "the build's parent is the runner, and its environment holds no secret");
        assertFalse(System.getenv().containsValue(B_SECRET));
    }

    @Test
    void aBuildOfACannotNameOrOverwriteBsCache() throws IOException {
        fx.script("b", "#!/bin/bash\nmkdir -p deps && echo from-b > deps/v\n");
        fx.run(Jobs.withCache(Jobs.job(9, "b", "job.sh"), List.of("deps")));
        BuildCache cache = new BuildCache(home.resolve("cache"), "runner-1", Duration.ofMinutes(1));
        Path bArchive = cache.archive("b", "deps");
        byte[] before = Files.readAllBytes(bArchive);

        // The same cache path in project a: its own archive, B's untouched.
        fx.script("a", "#!/bin/bash\nmkdir -p deps && echo from-a > deps/v\n");
        ExecFixture.Run a = fx.run(Jobs.withCache(Jobs.job(10, "a", "job.sh"), List.of("deps", "../b/deps")));
        assertTrue(a.log().contains("cache: saved deps"), a.log());
        assertTrue(
                a.prepared()
                        .notes()
                        .contains("cache path '../b/deps' skipped: it must stay inside the workspace" + " (no '..')"),
                a.prepared().notes()::toString);
        assertArrayEquals(before, Files.readAllBytes(bArchive), "B's cache is unchanged");
        assertNotEquals(bArchive, cache.archive("a", "deps"));
        assertTrue(Files.isRegularFile(cache.archive("a", "deps")));
        assertThrows(IllegalArgumentException.class, () -> cache.archive("../b", "deps"));
        assertEquals(
                "rwx------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(home.resolve("cache/b"))),
                "project cache folders are the runner's");
    }

    private void assertEscapedAndGone(String log) throws Exception {
        long session = number(log, "script session (\\d+)");
        long nohup = number(log, "nohup (\\d+)");
        long daemon = number(log, "daemon (\\d+)");
        assertNotEquals(session, number(log, "nohup \\d+ session (\\d+)"), "nohup left the build's session");
        assertNotEquals(session, number(log, "daemon \\d+ session (\\d+)"), "the daemon left the build's session");
        await().atMost(Duration.ofSeconds(10)).until(() -> !ExecFixture.running(nohup) && !ExecFixture.running(daemon));
        assertFalse(ExecFixture.running(nohup), "setsid nohup sleep " + nohup + " still runs");
        assertFalse(ExecFixture.running(daemon), "double-forked daemon " + daemon + " still runs");
    }

    private void secret(String project, String name, String value) throws IOException {
        Path dir = Files.createDirectories(home.resolve("secrets").resolve(project));
        Files.writeString(dir.resolve(name), value + "\n", StandardCharsets.UTF_8);
    }

    private static long number(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        assertTrue(m.find(), regex + " not printed: " + log);
        return Long.parseLong(m.group(1));
    }
}
