package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A build starts as in a fresh terminal, whatever state the runner itself was started in: here the JVM ignores
 * SIGINT and SIGQUIT and the thread that starts the build blocks SIGINT, SIGTERM and SIGCHLD (a runner started in
 * the background by a shell, and the JVM's own thread masks), and the build still sees none of it. Each test runs
 * both ways of starting a build (posix_spawn, and the JDK with setsid and env where that cannot load), and sees
 * only its standard input, output and error open (not the runner's files and connections).
 */
class FreshStartTest {
    /**
     * Signals 1 to 31. The C library reserves 32 and 33 for itself (no program can set their handling, env(1)
     * included) and installs their handlers when it needs them.
     */
    private static final long STANDARD_SIGNALS = 0x7fffffffL;

    @TempDir
    Path home;

    private ExecFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ExecFixture(home, ExecFixture.basicEnv());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jdk"})
    void theScriptAndItsChildrenHaveDefaultSignalsAnEmptyMaskAndASessionOfTheirOwn(String way) throws IOException {
        starter(way);
        // The script reads its own status with builtins only: a command substitution would read a child's.
        fx.script("signals", """
                #!/bin/bash
                while IFS=$'\\t' read -r key value; do
                  case $key in SigIgn:|SigBlk:) echo "script $key $value" ;; esac
                done < /proc/$$/status
                grep -E '^(SigIgn|SigBlk):' /proc/self/status | tr '\\t' ' ' | sed 's/^/child /'
                read -r stat < /proc/$$/stat
                set -- ${stat##*) }
                echo "pid $$ group $3 session $4"
                """);
        ExecFixture.Run run = runHostile(job(1, "signals"));
        assertEquals(Outcome.SUCCEEDED, run.result().outcome(), run.log());
        String log = run.log();
        assertEquals(0, status(log, "script SigBlk"), log);
        assertEquals(0, status(log, "child SigBlk"), log);
        // bash ignores SIGQUIT itself while it runs a script (as in a terminal) and gives its children the default.
        assertEquals(1L << (HostileSignals.SIGQUIT - 1), status(log, "script SigIgn") & STANDARD_SIGNALS, log);
        assertEquals(0, status(log, "child SigIgn") & STANDARD_SIGNALS, log);
        Matcher ids = Pattern.compile("pid (\\d+) group (\\d+) session (\\d+)").matcher(log);
        assertTrue(ids.find(), log);
        assertEquals(ids.group(1), ids.group(2), "the script leads its process group");
        assertEquals(ids.group(1), ids.group(3), "and its session");
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jdk"})
    void aChildInterruptedWithSigintDiesOfIt(String way) throws IOException {
        starter(way);
        fx.script("interrupt", """
                #!/bin/bash
                sh -c 'kill -INT $$; sleep 5'
                status=$?
                echo "child exit status $status"
                [ "$status" -eq 130 ]
                """);
        ExecFixture.Run run = runHostile(job(2, "interrupt"));
        assertEquals("child exit status 130\n", run.log());
        assertEquals(Outcome.SUCCEEDED, run.result().outcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jdk"})
    void theScriptHasOnlyItsStandardDescriptorsOpen(String way) throws IOException {
        starter(way);
        // Builtins only: a program started to look would show its own descriptors.
        fx.script("fds", """
                #!/bin/bash
                for fd in /proc/$$/fd/*; do echo "fd ${fd##*/}"; done
                """);
        try (var held = java.nio.file.Files.newInputStream(fx.home.resolve("projects/fds/job.sh"))) {
            ExecFixture.Run run = runHostile(job(3, "fds"));
            assertEquals(Outcome.SUCCEEDED, run.result().outcome(), run.log());
            // bash has the script open on a descriptor of its own (255) and the folder its glob reads (3, the lowest
            // free one); the runner's open file is not there, nor any of its connections.
            assertEquals("fd 0\nfd 1\nfd 2\nfd 255\nfd 3\n", run.log());
        }
    }

    private void starter(String way) {
        if (way.equals("native")) {
            assertTrue(SessionStarter.NATIVE != null, "posix_spawn loads on this machine");
            fx.executor.withStarter(SessionStarter.NATIVE);
        } else {
            fx.executor.withStarter(SessionStarter.JDK);
        }
    }

    /** The hexadecimal signal set of a line such as {@code child SigIgn: 0000000000000004}. */
    private static long status(String log, String line) {
        Matcher m = Pattern.compile("(?m)^" + line + ": ([0-9a-f]{16})$").matcher(log);
        assertTrue(m.find(), line + " in " + log);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    private static RunBuild job(long id, String project) {
        return Jobs.job(id, project, "job.sh");
    }

    /** Prepares and launches on this thread with the hostile signal state, then runs the build. */
    private ExecFixture.Run runHostile(RunBuild job) {
        PreparedBuild prepared = fx.executor.prepare(job);
        Launch launch;
        try (HostileSignals hostile = new HostileSignals()) {
            launch = fx.executor.launch(prepared);
        }
        CollectingSink sink = new CollectingSink();
        return new ExecFixture.Run(fx.executor.run(launch, new BuildControl(), sink), sink, prepared);
    }
}
