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
        Path gate = Path.of(prepared.environment().get("BASH_ENV"));
        assertEquals(BashGate.TEXT, Files.readString(gate));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(gate)));
        assertFalse(gate.startsWith(fixture.executor.workRoot()), "not in the folder emptied at the runner's start");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#!/bin/sh\n", "#!/bin/bash -e\n", "#!/bin/bash --posix\n", "#!/usr/bin/env -S bash\n"})
    void anyOtherInterpreterOrAnOptionKeepsTheShGate(String shebang) throws IOException {
        fixture.script("other", shebang + "echo hi\n");
        PreparedBuild prepared = fixture.executor.prepare(Jobs.job(2, "other", "job.sh"));
        assertEquals(
                List.of("sh", "-c", ScriptCommand.GATE_THEN_EXEC),
                prepared.command().subList(0, 3));
        assertFalse(prepared.environment().containsKey("BASH_ENV"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POSIXLY_CORRECT", "SHELLOPTS", "BASH_ENV"})
    void aProjectEnvironmentThatMakesBashSkipItKeepsTheShGateAndTheScriptStillWaits(String name) throws Exception {
        Files.writeString(home.resolve("project-env.sh"), "\n");
        String value = name.equals("BASH_ENV") ? home.resolve("project-env.sh").toString() : "posix";
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
    void aGateFileRemovedOrReplacedIsWrittenAgainBeforeTheNextBuild() throws Exception {
        fixture.script("again", "#!/bin/bash\necho ran > " + marker + "\n");
        Path gate = Path.of(fixture.executor
                .prepare(Jobs.job(6, "again", "job.sh"))
                .environment()
                .get("BASH_ENV"));
        Files.delete(gate);
        assertWaitsThenRuns(fixture.executor.prepare(Jobs.job(7, "again", "job.sh")));

        Files.deleteIfExists(marker);
        Files.delete(gate);
        Files.createSymbolicLink(gate, home.resolve("elsewhere"));
        assertWaitsThenRuns(fixture.executor.prepare(Jobs.job(8, "again", "job.sh")));
        assertTrue(Files.isRegularFile(gate, java.nio.file.LinkOption.NOFOLLOW_LINKS), "a file again, not a link");
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
