package dev.sparky.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Builds against each other and against their runner, end to end on real processes: a build's daemons that left
 * its session die with it, a project's secret reaches that project's builds only, never another project's
 * build, neither through its sparky.yaml nor through the runner's environment, and nothing of the runner's own
 * signal state (the JVM's blocked signals) reaches a build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationIT {
    private static final Duration BUILD = Duration.ofSeconds(60);
    private static final String VAULT_KEY = "vault-key-7f3a9c";
    /** Bats, the shell test framework: {@code bin/sparky test} installs it and passes {@code -Dit.bats}. */
    private static final Optional<String> BATS =
            Optional.of(System.getProperty("it.bats", "")).filter(p -> !p.isBlank());

    private SparkyCluster cluster;
    private SparkyApi api;
    private Path home;
    private Path suite;

    @BeforeAll
    void start() throws IOException {
        home = ClusterFixture.homeWithExamples("isolation");
        ClusterFixture.project(home, "daemon", "allow_manual_run: true\n", """
                #!/usr/bin/env bash
                setsid nohup sleep 300 >/dev/null 2>&1 &
                echo $! > "%1$s/nohup.pid"
                ( setsid bash -c 'sleep 300 >/dev/null 2>&1 & echo $! > "%1$s/daemon.pid"' & )
                while [ ! -s "%1$s/daemon.pid" ]; do sleep 0.05; done
                echo daemons started
                """.formatted(home));
        ClusterFixture.project(
                home,
                "vault",
                "allow_manual_run: true\nsecrets: [VAULT_KEY]\n",
                "#!/usr/bin/env bash\necho \"key $VAULT_KEY\"\n");
        // Names the vault's secret and looks for it in the runner's environment.
        ClusterFixture.project(
                home,
                "thief",
                "allow_manual_run: true\nsecrets: [VAULT_KEY]\n",
                "#!/usr/bin/env bash\necho \"key [${VAULT_KEY-}]\"\n"
                        + "echo \"in runner env: $(tr '\\0' '\\n' < /proc/$PPID/environ | grep -c " + VAULT_KEY
                        + ")\"\n");
        // A child that interrupts itself must die of SIGINT (130), and a child sees no signal blocked or ignored.
        ClusterFixture.project(home, "signals", "allow_manual_run: true\n", """
                #!/usr/bin/env bash
                sh -c 'kill -INT $$; sleep 5'
                echo "child exit status $?"
                grep -E '^(SigIgn|SigBlk):' /proc/self/status | tr '\\t' ' '
                """);
        // A shell project's own test suite (bats) whose tests interrupt their children.
        suite = home.resolve("shell-suite/signals.bats");
        try (var in = IsolationIT.class.getResourceAsStream("/shell-suite/signals.bats")) {
            Files.createDirectories(suite.getParent());
            Files.write(suite, in.readAllBytes());
        }
        ClusterFixture.project(
                home, "shell-suite", "allow_manual_run: true\n", """
                #!/usr/bin/env bash
                cd "$TMPDIR"
                "%s" "%s"
                """.formatted(BATS.orElse("bats"), suite));
        Files.writeString(Files.createDirectories(home.resolve("secrets/vault")).resolve("VAULT_KEY"), VAULT_KEY);
        cluster = ClusterFixture.cluster(home, Map.of()).start(1, false);
        api = cluster.api();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void daemonsThatLeftTheBuildsSessionAreKilledWhenItEnds() throws IOException {
        String jobId = api.trigger("daemon");
        assertEquals(1, api.awaitTerminal("daemon", jobId, BUILD), cluster::diagnostics);
        for (String name : List.of("nohup.pid", "daemon.pid")) {
            long pid = Long.parseLong(Files.readString(home.resolve(name)).strip());
            Waits.until(Duration.ofSeconds(10), name + " " + pid + " to be gone", () -> running(pid) ? null : true);
        }
    }

    @Test
    void aProjectsSecretReachesItsOwnBuildsOnly() {
        String vault = api.trigger("vault");
        assertEquals(1, api.awaitTerminal("vault", vault, BUILD), cluster::diagnostics);
        assertEquals("key *****\n", api.get("/report/raw/vault/" + vault).body(), "its own build gets it, masked");

        String thief = api.trigger("thief");
        assertEquals(1, api.awaitTerminal("thief", thief, BUILD), cluster::diagnostics);
        String log = api.get("/report/raw/thief/" + thief).body();
        assertEquals("key []\nin runner env: 0\n", log);
        long id = api.build("thief", thief).path("id").asLong();
        String syslog = api.get("/api/v1/builds/" + id + "/syslog").body();
        assertTrue(
                syslog.contains("secret VAULT_KEY is not set for project thief (expected file "
                        + home.resolve("secrets/thief/VAULT_KEY") + ")"),
                syslog);
        assertFalse(syslog.contains(VAULT_KEY + "\n"), syslog);
    }

    @Test
    void aBuildStartsWithDefaultSignalsAsInAFreshTerminal() {
        String jobId = api.trigger("signals");
        assertEquals(1, api.awaitTerminal("signals", jobId, BUILD), cluster::diagnostics);
        String log = api.get("/report/raw/signals/" + jobId).body();
        assertTrue(log.startsWith("child exit status 130\n"), log);
        assertEquals(0, signals(log, "SigBlk"), log);
        // Signals 1 to 31: the C library keeps 32 and 33 for itself and no program can set them.
        assertEquals(0, signals(log, "SigIgn") & 0x7fffffffL, log);
    }

    @Test
    void aShellProjectsTestSuiteThatInterruptsItsChildrenPassesAsInAShell() throws Exception {
        assumeTrue(BATS.isPresent(), "bats not given (-Dit.bats=PATH; bin/sparky test installs it and passes it)");
        Process shell = new ProcessBuilder(BATS.get(), suite.toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .start();
        String inShell = new String(shell.getInputStream().readAllBytes());
        assertEquals(0, shell.waitFor(), inShell);

        String jobId = api.trigger("shell-suite");
        assertEquals(1, api.awaitTerminal("shell-suite", jobId, BUILD), cluster::diagnostics);
        String underRunner = api.get("/report/raw/shell-suite/" + jobId).body();
        assertEquals(inShell, underRunner, "the suite reports the same under the runner as in a shell");
        assertTrue(underRunner.contains("ok 1 a child interrupted with SIGINT dies of it"), underRunner);
    }

    private static long signals(String log, String field) {
        Matcher m = Pattern.compile("(?m)^" + field + ": ([0-9a-f]{16})$").matcher(log);
        assertTrue(m.find(), field + " in " + log);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
