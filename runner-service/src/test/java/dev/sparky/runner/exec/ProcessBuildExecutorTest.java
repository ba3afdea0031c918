package dev.sparky.runner.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real scripts as real process groups. */
class ProcessBuildExecutorTest {
    private static final String SECRET = "s3cr3tvalue";

    @TempDir
    Path home;

    private ScheduledExecutorService stopTimer;
    private ScheduledExecutorService flushTimer;
    private ProcessBuildExecutor executor;

    @BeforeEach
    void setUp() {
        stopTimer = Executors.newSingleThreadScheduledExecutor();
        flushTimer = Executors.newSingleThreadScheduledExecutor();
        Map<String, String> runnerEnv = Map.of(
                "PATH",
                System.getenv("PATH"),
                "HOME",
                "/tmp",
                "LANG",
                "C.UTF-8",
                "RUNNER_ONLY",
                "must-not-leak",
                "TOKEN",
                SECRET,
                "SPARKY_SERVICE_TOKEN",
                "service-token-must-not-leak");
        executor = new ProcessBuildExecutor(
                ExecSettings.of(home, "runner-1", "http://ui:4000", Duration.ofMillis(500)),
                runnerEnv,
                stopTimer,
                flushTimer);
    }

    @AfterEach
    void tearDown() {
        stopTimer.shutdownNow();
        flushTimer.shutdownNow();
    }

    @Test
    void stdoutAndStderrKeepTheirOrderOnOnePipe() throws IOException {
        script("hello", "job.sh", "#!/bin/bash\nfor i in 1 2 3; do echo out$i; echo err$i >&2; done\n", true);
        Run run = run(Jobs.job(1, "hello", "job.sh"));
        assertEquals("out1\nerr1\nout2\nerr2\nout3\nerr3\n", run.sink.text());
        assertEquals(Outcome.SUCCEEDED, run.result.outcome());
        assertEquals(0, run.result.exitCode());
        assertEquals(run.sink.bytes().length, run.result.logBytes());
    }

    @Test
    void nonZeroExitFailsWithTheCode() throws IOException {
        script("hello", "job.sh", "#!/bin/sh\necho failing\nexit 3\n", true);
        Run run = run(Jobs.job(2, "hello", "job.sh"));
        assertEquals(Outcome.FAILED, run.result.outcome());
        assertEquals(3, run.result.exitCode());
        assertEquals("exit code 3", run.result.reason());
    }

    @Test
    void executableScriptWithShebangRunsDirectlyWithoutNotes() throws IOException {
        script("hello", "job.sh", "#!/bin/sh\necho direct\n", true);
        PreparedBuild prepared = executor.prepare(Jobs.job(3, "hello", "job.sh"));
        assertEquals(List.of(), prepared.notes());
        assertEquals(
                List.of(
                        "sh",
                        "-c",
                        ScriptCommand.GATE_THEN_EXEC,
                        home.resolve("projects/hello/job.sh").toAbsolutePath().toString()),
                prepared.command());
    }

    @Test
    void aPlainBashScriptRunsAsAScriptNotSourced() throws IOException {
        script(
                "plain",
                "job.sh",
                "#!/bin/bash\nmain() { echo \"main ${FUNCNAME[1]} $0 ${BASH_SOURCE[1]}\"; }\n"
                        + "if ! (return 0 2>/dev/null); then main; fi\necho \"BASH_ENV=${BASH_ENV-unset}\"\n",
                true);
        String path = home.resolve("projects/plain/job.sh").toAbsolutePath().toString();
        assertEquals(
                "main main " + path + " " + path + "\nBASH_ENV=unset\n",
                run(Jobs.job(21, "plain", "job.sh")).sink.text(),
                "not sourced: the usual 'run as a script' test holds, $0 and the call stack are a script's");
    }

    @Test
    void aShebangsOptionsApplyAndAProjectsBashEnvIsReadOnce() throws IOException {
        script("strict", "job.sh", "#!/bin/bash -e\nfalse\necho not reached\n", true);
        Run run = run(Jobs.job(22, "strict", "job.sh"));
        assertEquals("", run.sink.text());
        assertEquals(1, run.result.exitCode());

        Files.writeString(home.resolve("user-env.sh"), "echo from the project BASH_ENV\n");
        script("own", "job.sh", "echo the script\n", false);
        RunBuild own = Jobs.job(
                23,
                "own",
                "job.sh",
                Map.of(),
                Map.of("BASH_ENV", home.resolve("user-env.sh").toString()),
                List.of(),
                60,
                1 << 20);
        assertEquals("from the project BASH_ENV\nthe script\n", run(own).sink.text(), "read once, as before");
    }

    @Test
    void notExecutableScriptRunsWithBashAndSaysSo() throws IOException {
        script("hello", "job.sh", "echo via bash $BASH_VERSION\n", false);
        RunBuild job = Jobs.job(4, "hello", "job.sh");
        PreparedBuild prepared = executor.prepare(job);
        assertEquals(List.of("job.sh is not executable: ran with bash"), prepared.notes());
        ExecResult result = executor.run(executor.launch(prepared), new BuildControl(), new CollectingSink());
        assertEquals(Outcome.SUCCEEDED, result.outcome());
    }

    @Test
    void executableScriptWithoutShebangRunsWithBashAndSaysSo() throws IOException {
        script("hello", "job.sh", "echo no shebang\n", true);
        PreparedBuild prepared = executor.prepare(Jobs.job(5, "hello", "job.sh"));
        assertEquals(List.of("job.sh has no shebang: ran with bash"), prepared.notes());
    }

    @Test
    void missingScriptFailsWithAClearReason() {
        RunBuild job = Jobs.job(6, "ghost", "job.sh");
        PreparedBuild prepared = executor.prepare(job);
        assertFalse(prepared.runnable());
        ExecResult result = executor.run(executor.launch(prepared), new BuildControl(), new CollectingSink());
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.reason().contains("script job.sh not found in projects/ghost"), result.reason());
    }

    @Test
    void timeoutKillsTheWholeGroupIncludingBackgroundChildren() throws Exception {
        script("slow", "job.sh", "#!/bin/bash\nsleep 1000 &\necho \"child $!\"\nsleep 1000\n", true);
        long start = System.nanoTime();
        Run run = run(Jobs.job(7, "slow", "job.sh", Map.of(), Map.of(), List.of(), 1, 1 << 20));
        assertEquals(Outcome.TIMED_OUT, run.result.outcome());
        assertEquals("timed out after 1s", run.result.reason());
        assertNull(run.result.exitCode());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "ended soon after the timeout");
        assertGone(childPid(run.sink.text()));
    }

    @Test
    void aScriptIgnoringTermIsKilledAfterTheGrace() throws Exception {
        script(
                "stubborn",
                "job.sh",
                "#!/bin/bash\ntrap '' TERM\nsleep 1000 &\necho \"child $!\"\nwhile true; do sleep 0.1;" + " done\n",
                true);
        Run run = run(Jobs.job(8, "stubborn", "job.sh", Map.of(), Map.of(), List.of(), 1, 1 << 20));
        assertEquals(Outcome.TIMED_OUT, run.result.outcome());
        assertGone(childPid(run.sink.text()));
    }

    @Test
    void backgroundChildrenLeftByAFinishedScriptAreKilled() throws Exception {
        script("leaky", "job.sh", "#!/bin/bash\nsleep 1000 &\necho \"child $!\"\nexit 0\n", true);
        Run run = run(Jobs.job(9, "leaky", "job.sh"));
        assertEquals(Outcome.SUCCEEDED, run.result.outcome());
        assertGone(childPid(run.sink.text()));
    }

    @Test
    void cancelTerminatesTheBuildWithTheRequestedOutcome() throws Exception {
        script("long", "job.sh", "#!/bin/bash\necho started\nsleep 1000\n", true);
        RunBuild job = Jobs.job(10, "long", "job.sh");
        BuildControl control = new BuildControl();
        CollectingSink sink = new CollectingSink();
        CompletableFuture<ExecResult> result = CompletableFuture.supplyAsync(
                () -> executor.run(executor.launch(executor.prepare(job)), control, sink));
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.text().contains("started"));
        control.requestStop(Outcome.CANCELLED, "cancelled by alice");
        ExecResult done = result.get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.CANCELLED, done.outcome());
        assertEquals("cancelled by alice", done.reason());
        assertNull(done.exitCode());
    }

    @Test
    void logBeyondTheCapIsCutWithOneMarkerAndTheBuildGoesOn() throws IOException {
        script(
                "chatty",
                "job.sh",
                "#!/bin/bash\nhead -c 300000 /dev/zero | tr '\\0' 'a'\necho after > done.txt\n" + "cat done.txt\n",
                true);
        Run run = run(Jobs.job(11, "chatty", "job.sh", Map.of(), Map.of(), List.of(), 60, 1000));
        String expected = "a".repeat(1000) + LogStreamer.marker(1000);
        assertEquals(expected, run.sink.text());
        assertEquals(Outcome.SUCCEEDED, run.result.outcome());
        assertEquals(expected.length(), run.result.logBytes());
    }

    @Test
    void binaryOutputPassesUnchanged() throws IOException {
        script("bin", "job.sh", "#!/bin/bash\nprintf '\\xff\\xfe\\x00\\x01\\x1b[31mred\\x1b[0m\\xc3'\n", true);
        Run run = run(Jobs.job(12, "bin", "job.sh"));
        byte[] expected = {
            (byte) 0xff, (byte) 0xfe, 0, 1, 0x1b, '[', '3', '1', 'm', 'r', 'e', 'd', 0x1b, '[', '0', 'm', (byte) 0xc3
        };
        assertArrayEquals(expected, run.sink.bytes());
    }

    @Test
    void secretsAreMaskedEvenWhenSplitAcrossChunks() throws IOException {
        secret("secret", "TOKEN", SECRET + "\n");
        script(
                "secret",
                "job.sh",
                "#!/bin/bash\nprintf 's3cr'\nsleep 0.3\nprintf '3tvalue\\n'\necho \"token=$TOKEN\"\n",
                true);
        Run run = run(Jobs.job(13, "secret", "job.sh", Map.of(), Map.of(), List.of("TOKEN"), 60, 1 << 20));
        assertEquals("*****\ntoken=*****\n", run.sink.text());
    }

    @Test
    void theServiceTokenIsNeverPassedEvenWhenAProjectNamesItAsASecret() throws IOException {
        script("steal", "job.sh", "#!/bin/bash\necho \"got=$SPARKY_SERVICE_TOKEN\"\n", true);
        RunBuild job =
                Jobs.job(16, "steal", "job.sh", Map.of(), Map.of(), List.of("SPARKY_SERVICE_TOKEN"), 60, 1 << 20);
        // Secrets come from the project's secret folder only, never from the runner's environment.
        List<String> notes = executor.prepare(job).notes();
        assertEquals(1, notes.size(), notes::toString);
        assertTrue(
                notes.get(0).startsWith("secret SPARKY_SERVICE_TOKEN is not set for project steal"), notes::toString);
        assertEquals("got=\n", run(job).sink.text());
    }

    @Test
    void workspaceIsFreshAndRemovedAfterwards() throws IOException {
        script("ws", "job.sh", "#!/bin/bash\npwd\nls -A | wc -l\nmkdir -p a/b && touch a/b/c && chmod 500 a\n", true);
        Path workspace = home.resolve("work/runner-1/ws-14-1").toAbsolutePath();
        Files.createDirectories(workspace);
        Files.writeString(workspace.resolve("stale"), "left by a crash");
        Run run = run(Jobs.job(14, "ws", "job.sh"));
        // Fresh: empty (the params file is in the build's HOME, beside it).
        assertEquals(workspace + "\n0\n", run.sink.text());
        assertFalse(Files.exists(workspace), "workspace removed");
    }

    @Test
    void environmentHasBasicsProjectEnvParamsSparkyVariablesAndSecrets() throws IOException {
        script("env", "job.sh", "#!/bin/bash\nenv | sort\n", true);
        secret("env", "TOKEN", SECRET);
        RunBuild job = Jobs.job(
                15,
                "env",
                "job.sh",
                Map.of("GREETING", "hi", "COLOR", "from-param"),
                Map.of("COLOR", "blue", "DEPTH", "3"),
                List.of("TOKEN", "MISSING_ONE"),
                60,
                1 << 20);
        PreparedBuild prepared = executor.prepare(job);
        assertEquals(
                List.of("secret MISSING_ONE is not set for project env (expected file "
                        + home.toAbsolutePath().resolve("secrets/env/MISSING_ONE") + ")"),
                prepared.notes());
        String env = run(job).sink.text();
        // The project's env wins over a parameter of the same name (the doors refuse such a parameter).
        for (String line : List.of(
                "GREETING=hi",
                "COLOR=blue",
                "DEPTH=3",
                "SPARKY_PROJECT=env",
                "SPARKY_BUILD_ID=15",
                "SPARKY_JOB_ID=job15",
                "SPARKY_ATTEMPT=1",
                "SPARKY_API=http://ui:4000",
                "SPARKY_WORKSPACE=" + home.resolve("work/runner-1/env-15-1").toAbsolutePath(),
                "HOME=" + home.resolve("work/runner-1/env-15-1.home").toAbsolutePath(),
                "TMPDIR=" + home.resolve("work/runner-1/env-15-1.tmp").toAbsolutePath(),
                "LANG=C.UTF-8",
                "TOKEN=*****")) {
            assertTrue(env.contains(line + "\n"), () -> line + " missing from\n" + env);
        }
        assertFalse(env.contains("RUNNER_ONLY"), "runner variables do not leak into builds");
    }

    @Test
    void theJobApiTokenIsPassedAsSparkyApiTokenAndMaskedInEveryCommonEncoding() throws IOException {
        String token = "tOk3n-abc_DEF123";
        script(
                "api",
                "job.sh",
                "#!/bin/bash\necho \"token=$SPARKY_API_TOKEN api=$SPARKY_API\"\n"
                        + "printf %s \"$SPARKY_API_TOKEN\" | base64\nprintf %s \"$SPARKY_API_TOKEN\" | base64 | tr -d =\n"
                        + "printf %s \"$SPARKY_API_TOKEN\" | base64 | tr +/ -_\n",
                true);
        RunBuild job = Jobs.withToken(
                Jobs.job(
                        16,
                        "api",
                        "job.sh",
                        Map.of("SPARKY_API_TOKEN", "from-param"),
                        Map.of(),
                        List.of(),
                        60,
                        1 << 20),
                token);
        PreparedBuild prepared = executor.prepare(job);
        assertEquals(token, prepared.environment().get("SPARKY_API_TOKEN"), "a parameter cannot replace it");
        String log = run(job).sink.text();
        assertEquals("token=***** api=http://ui:4000\n*****\n*****\n*****\n", log);
        assertFalse(log.contains(token), log);
    }

    @Test
    void withoutATokenThereIsNoSparkyApiTokenVariable() throws IOException {
        script("api", "job.sh", "#!/bin/bash\n", true);
        RunBuild job = Jobs.job(17, "api", "job.sh");
        Map<String, String> env = executor.prepare(job).environment();
        assertFalse(env.containsKey("SPARKY_API_TOKEN"), env::toString);
    }

    @Test
    void aLaunchedScriptWaitsAtItsGateUntilTheBuildRuns() throws Exception {
        script(
                "gated",
                "job.sh",
                "echo ran > " + home.resolve("marker") + "\necho \"$0 stdin:$(cat | wc -c)\"\n",
                false);
        PreparedBuild prepared = executor.prepare(Jobs.job(18, "gated", "job.sh"));
        Launch launch = executor.launch(prepared);
        assertTrue(launch.process().isAlive(), "the process is started before the run");
        assertTrue(Files.isDirectory(prepared.workspace()), "and its workspace made");
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !Files.exists(home.resolve("marker")));
        CollectingSink sink = new CollectingSink();
        ExecResult result = executor.run(launch, new BuildControl(), sink);
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertTrue(Files.exists(home.resolve("marker")));
        assertEquals(
                home.resolve("projects/gated/job.sh").toAbsolutePath() + " stdin:0\n",
                sink.text(),
                "$0 is the script, as with bash job.sh, and standard input is empty");
    }

    @Test
    void anAbandonedLaunchNeverRunsItsScriptAndLeavesNothing() throws Exception {
        script("refused", "job.sh", "#!/bin/bash\necho ran > " + home.resolve("marker") + "\n", true);
        PreparedBuild prepared = executor.prepare(Jobs.job(19, "refused", "job.sh"));
        Launch launch = executor.launch(prepared);
        long pid = launch.process().pid();
        launch.abandon();
        assertGone(pid);
        assertFalse(Files.exists(prepared.workspace()), "workspace removed");
        await().during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !Files.exists(home.resolve("marker")));
    }

    @Test
    void aBuildStoppedBeforeItsGateOpenedEndsWithTheStopAndNeverRuns() throws Exception {
        script("early", "job.sh", "#!/bin/bash\necho ran > " + home.resolve("marker") + "\n", true);
        Launch launch = executor.launch(executor.prepare(Jobs.job(20, "early", "job.sh")));
        long pid = launch.process().pid();
        BuildControl control = new BuildControl();
        control.requestStop(Outcome.CANCELLED, "cancelled by alice");
        ExecResult result = executor.run(launch, control, new CollectingSink());
        assertEquals(Outcome.CANCELLED, result.outcome());
        assertGone(pid);
        assertFalse(Files.exists(home.resolve("marker")), "the script never ran");
    }

    @Test
    void aBuildThatStillRunsAfterTheLastingTimeSaysSoOnceAndAShortOneNever() throws IOException {
        script("slow", "job.sh", "#!/bin/sh\nsleep 1\n", true);
        script("quick", "job.sh", "#!/bin/sh\ntrue\n", true);
        java.util.concurrent.atomic.AtomicInteger slowSaid = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger quickSaid = new java.util.concurrent.atomic.AtomicInteger();
        Launch slow = executor.launch(executor.prepare(Jobs.job(40, "slow", "job.sh")));
        slow.whenLasting(java.time.Duration.ofMillis(100), slowSaid::incrementAndGet);
        Launch quick = executor.launch(executor.prepare(Jobs.job(41, "quick", "job.sh")));
        quick.whenLasting(java.time.Duration.ofSeconds(30), quickSaid::incrementAndGet);

        assertEquals(
                Outcome.SUCCEEDED,
                executor.run(slow, new BuildControl(), new CollectingSink()).outcome());
        assertEquals(
                Outcome.SUCCEEDED,
                executor.run(quick, new BuildControl(), new CollectingSink()).outcome());

        assertEquals(1, slowSaid.get(), "a build still running after 100 ms: told once");
        assertEquals(0, quickSaid.get(), "a build that ended first: never told");
    }

    private Run run(RunBuild job) {
        CollectingSink sink = new CollectingSink();
        ExecResult result = executor.run(executor.launch(executor.prepare(job)), new BuildControl(), sink);
        return new Run(result, sink);
    }

    private record Run(ExecResult result, CollectingSink sink) {}

    /** A secret of one project, the way an operator puts it there: {@code <home>/secrets/<project>/<NAME>}. */
    private void secret(String project, String name, String value) throws IOException {
        Path dir = Files.createDirectories(home.resolve("secrets").resolve(project));
        Files.writeString(dir.resolve(name), value, StandardCharsets.UTF_8);
    }

    private void script(String project, String name, String content, boolean executable) throws IOException {
        Path dir = Files.createDirectories(home.resolve("projects").resolve(project));
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private static long childPid(String log) {
        Matcher m = Pattern.compile("child (\\d+)").matcher(log);
        assertTrue(m.find(), "the script printed its child's pid: " + log);
        return Long.parseLong(m.group(1));
    }

    /** Gone means no such process, or a zombie waiting for a reaper (it runs nothing). */
    private static void assertGone(long pid) throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> !ExecFixture.running(pid));
        assertFalse(ExecFixture.running(pid), "process " + pid + " still runs");
    }

    @Test
    void aSentScenarioIsWrittenForSparrowdoInPlaceOfTheProjectFolder() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                SparrowdoCommand.find(SparrowdoCommand.path(System.getenv("PATH")))
                        .isPresent(),
                "sparrowdo is not installed (bin/sparky install-raku)");
        RunBuild j = Jobs.job(40, "spawned_01", "sparrowfile");
        RunBuild sent = Jobs.withSparrowdo(j, null, Map.of(), "say 'sent';\n");
        PreparedBuild prepared = executor.prepare(sent); // no folder projects/spawned_01: none is needed
        assertTrue(prepared.runnable(), String.valueOf(prepared.failure()));
        Path dir = ProcessBuildExecutor.sentScenarioDir(prepared.workspace());
        assertTrue(
                prepared.command().contains(dir.toString()), prepared.command().toString());
        Launch launch = executor.launch(prepared);
        try {
            assertEquals("say 'sent';\n", Files.readString(dir.resolve("sparrowfile")));
        } finally {
            launch.abandon();
        }
    }
}
