package dev.sparky.runner.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate in both of its forms, on real processes: bash's start-up file for scripts bash runs, the {@code sh} gate
 * for every other script. Either way the script runs only once the gate opens, never when it closes unopened, and
 * sees what it would see started on its own.
 */
class BashGateTest {
    @TempDir
    Path home;

    private ExecFixture fixture;
    private Path marker;

    @BeforeEach
    void setUp() {
        fixture = new ExecFixture(home, ExecFixture.basicEnv());
        marker = home.resolve("marker");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#!/bin/bash\n", "#!/usr/bin/env bash\n", "#!/bin/bash  \n", ""})
    void aScriptBashRunsIsStartedAsBashWithTheGateAsItsStartUpFile(String shebang) throws IOException {
        Path script = fixture.script("plain", shebang + "echo hi\n");
        PreparedBuild prepared = fixture.executor.prepare(Jobs.job(1, "plain", "job.sh"));
        assertEquals(2, prepared.command().size(), prepared.command().toString());
        assertTrue(
                prepared.command().get(0).endsWith("/bash"), prepared.command().toString());
        assertEquals(script.toAbsolutePath().toString(), prepared.command().get(1));
        assertEquals("/dev/fd/3", prepared.environment().get("BASH_ENV"), "the sealed gate, no file on disk");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#!/bin/sh\n",
                "#!/bin/bash -e\n",
                "#!/bin/bash --posix\n",
                "#!/usr/bin/env -S bash\n",
                "#!/bin/bash\r\n",
                "#!/bin/bash                                                                        -e\n"
            })
    void anyOtherInterpreterOrAnOptionKeepsTheShGate(String shebang) throws IOException {
        fixture.script("other", shebang + "echo hi\n");
        PreparedBuild prepared = fixture.executor.prepare(Jobs.job(2, "other", "job.sh"));
        assertEquals(
                List.of("sh", "-c", ScriptCommand.GATE_THEN_EXEC),
                prepared.command().subList(0, 3));
        assertFalse(prepared.environment().containsKey("BASH_ENV"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POSIXLY_CORRECT", "POSIX_PEDANTIC", "SHELLOPTS", "BASH_ENV", "TMOUT", "BASH_FUNC_read%%"})
    void aProjectEnvironmentThatMakesBashSkipItKeepsTheShGateAndTheScriptStillWaits(String name) throws Exception {
        Files.writeString(home.resolve("project-env.sh"), "\n");
        String value = switch (name) {
            case "BASH_ENV" -> home.resolve("project-env.sh").toString();
            case "TMOUT" -> "1";
            case "BASH_FUNC_read%%" -> "() { sparky_gate=start; }";
            default -> "posix";
        };
        fixture.script("posix", "#!/bin/bash\necho ran > " + marker + "\n");
        RunBuild job = Jobs.job(3, "posix", "job.sh", Map.of(), Map.of(name, value), List.of(), 60, 1 << 20);
        PreparedBuild prepared = fixture.executor.prepare(job);
        assertEquals("sh", prepared.command().get(0), "bash would not read the gate: " + prepared.command());
        assertWaitsThenRuns(prepared);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#!/bin/bash\n", "", "#!/bin/sh\n"})
    void theScriptRunsOnlyOnceTheGateOpens(String shebang) throws Exception {
        fixture.script("gated", shebang + "echo ran > " + marker + "\n");
        assertWaitsThenRuns(fixture.executor.prepare(Jobs.job(4, "gated", "job.sh")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#!/bin/bash\n", "#!/bin/sh\n"})
    void aGateClosedUnopenedEndsTheProcessBeforeTheScript(String shebang) throws Exception {
        fixture.script("refused", shebang + "echo ran > " + marker + "\n");
        Launch launch = fixture.executor.launch(fixture.executor.prepare(Jobs.job(5, "refused", "job.sh")));
        Process process = launch.process();
        launch.abandon();
        await().atMost(Duration.ofSeconds(5)).until(() -> !process.isAlive());
        assertFalse(Files.exists(marker), "the script never ran");
    }

    @Test
    void aBashOnThePathThatIsAnotherShellKeepsTheShGate() throws Exception {
        Path bin = Files.createDirectories(home.resolve("fake-bin"));
        Files.createSymbolicLink(bin.resolve("bash"), Path.of("/bin/sh").toRealPath());
        fixture.script("fake", "#!/usr/bin/env bash\necho ran > " + marker + "\n");
        RunBuild job =
                Jobs.job(6, "fake", "job.sh", Map.of(), Map.of("PATH", bin + ":/usr/bin:/bin"), List.of(), 60, 1 << 20);
        PreparedBuild prepared = fixture.executor.prepare(job);
        assertEquals("sh", prepared.command().get(0), prepared.command().toString());
        assertWaitsThenRuns(prepared);
    }

    @Test
    void bashStartedAsShOrABashOthersCouldChangeKeepsTheShGate() throws Exception {
        // bash started as sh is in POSIX mode, which reads no BASH_ENV (sh is bash on some distributions).
        Path asSh = Files.createDirectories(home.resolve("sh-is-bash"));
        Files.createSymbolicLink(asSh.resolve("sh"), Path.of("/bin/bash").toRealPath());
        fixture.script("as-sh", "#!" + asSh.resolve("sh") + "\necho ran > " + marker + "\n");
        PreparedBuild prepared = fixture.executor.prepare(Jobs.job(9, "as-sh", "job.sh"));
        assertEquals("sh", prepared.command().get(0), prepared.command().toString());
        assertWaitsThenRuns(prepared);

        // A bash in a folder anyone may write could be swapped after the runner looked at it.
        Files.deleteIfExists(marker);
        Path open = Files.createDirectories(home.resolve("open-bin"));
        Files.copy(Path.of("/bin/bash").toRealPath(), open.resolve("bash"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        fixture.script("open", "#!" + open.resolve("bash") + "\necho ran > " + marker + "\n");
        PreparedBuild fromOpen = fixture.executor.prepare(Jobs.job(10, "open", "job.sh"));
        assertEquals("sh", fromOpen.command().get(0), fromOpen.command().toString());
        assertWaitsThenRuns(fromOpen);
    }

    @Test
    void aFolderNamedBashEarlierOnThePathIsPassedOverAsTheShellWould() throws Exception {
        Path bin = Files.createDirectories(home.resolve("odd-bin/bash")).getParent();
        fixture.script("odd", "#!/usr/bin/env bash\necho ran > " + marker + "\n");
        RunBuild job =
                Jobs.job(11, "odd", "job.sh", Map.of(), Map.of("PATH", bin + ":/usr/bin:/bin"), List.of(), 60, 1 << 20);
        PreparedBuild prepared = fixture.executor.prepare(job);
        assertEquals(
                "/usr/bin/bash", prepared.command().get(0), prepared.command().toString());
        assertWaitsThenRuns(prepared);
    }

    @Test
    void aBuildThatTakesTheGatesReadPermissionAwayLeavesItReadableForTheNext() throws Exception {
        Path gate = Path.of("/proc/self/fd/" + BashGate.memoryFile());
        fixture.script(
                "chmod",
                "#!/bin/bash\nchmod 000 /proc/" + ProcessHandle.current().pid() + "/fd/" + BashGate.memoryFile()
                        + " && echo taken\n");
        assertEquals("taken\n", fixture.run(Jobs.job(12, "chmod", "job.sh")).log());
        assertEquals("---------", PosixFilePermissions.toString(Files.getPosixFilePermissions(gate)));

        fixture.script("after", "#!/bin/bash\necho ran > " + marker + "\n");
        assertWaitsThenRuns(fixture.executor.prepare(Jobs.job(13, "after", "job.sh")));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(gate)));
    }

    @Test
    void aBuildCannotRewriteTheGateForTheBuildsAfterIt() throws Exception {
        // A build of the runner's own user can open the runner's descriptors through /proc: the sealed gate refuses
        // every write, so the next build still waits at it.
        String runnerFd = "/proc/" + ProcessHandle.current().pid() + "/fd/" + BashGate.memoryFile();
        fixture.script(
                "evil",
                "#!/bin/bash\n{ echo 'echo planted > " + marker + "' > " + runnerFd + "; } 2>/dev/null"
                        + " && echo rewritten || echo refused\n"
                        + "{ echo 'echo planted > " + marker + "' >> " + runnerFd + "; } 2>/dev/null"
                        + " && echo appended || echo refused\n");
        ExecFixture.Run evil = fixture.run(Jobs.job(7, "evil", "job.sh"));
        assertEquals("refused\nrefused\n", evil.log());
        assertFalse(Files.exists(marker));

        fixture.script("victim", "#!/bin/bash\necho ran > " + marker + "\n");
        Files.deleteIfExists(marker);
        assertWaitsThenRuns(fixture.executor.prepare(Jobs.job(8, "victim", "job.sh")));
        assertEquals("ran\n", Files.readString(marker), "the victim's script, and nothing planted");
    }

    @Test
    void theScriptSeesNoStartUpFileNoGateVariableAndAnEmptyStandardInput() throws IOException {
        fixture.script(
                "clean",
                "#!/bin/bash\necho \"BASH_ENV=${BASH_ENV-unset} gate=${sparky_gate-unset} stdin=$(wc -c)\"\n"
                        + "bash -c 'echo child BASH_ENV=${BASH_ENV-unset}'\n");
        ExecFixture.Run run = fixture.run(Jobs.job(9, "clean", "job.sh"));
        assertEquals(Outcome.SUCCEEDED, run.result().outcome());
        assertEquals("BASH_ENV=unset gate=unset stdin=0\nchild BASH_ENV=unset\n", run.log());
    }

    /** The launched process waits at its gate (the script has not run), and runs the script once it opens. */
    private void assertWaitsThenRuns(PreparedBuild prepared) throws Exception {
        Launch launch = fixture.executor.launch(prepared);
        assertTrue(launch.process().isAlive(), "started before the gate opens");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !Files.exists(marker));
        ExecResult result = fixture.executor.run(launch, new BuildControl(), new CollectingSink());
        assertEquals(Outcome.SUCCEEDED, result.outcome(), result.reason());
        assertTrue(Files.exists(marker), "the script ran once the gate opened");
    }
}
