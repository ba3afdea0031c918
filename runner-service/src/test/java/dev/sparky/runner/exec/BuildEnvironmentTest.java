package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runner's second line of defence: a parameter name the doors refuse (a record from before the rule, or from
 * a producer that skipped it) is left out with a note, parameters come first so the project's env and the
 * runner's variables win, and values reach the script as data, in its environment and in the params file.
 */
class BuildEnvironmentTest {
    @TempDir
    Path home;

    ExecFixture fx;
    final Path workspace = Path.of("/work/runner-1/p-1-1");

    @BeforeEach
    void setUp() {
        fx = new ExecFixture(
                home,
                Map.of(
                        "PATH",
                        System.getenv("PATH"),
                        "HOME",
                        "/tmp",
                        "LANG",
                        "C.UTF-8",
                        "DEPLOY_KEY",
                        "from-the-runner"));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static BuildEnvironment environment(Map<String, String> runnerEnv) {
        return new BuildEnvironment(runnerEnv, "runner-1", "http://ui:4000");
    }

    private static RunBuild job(Map<String, String> params, Map<String, String> env, List<String> secrets) {
        return Jobs.job(1, "p", "job.sh", params, env, secrets, 60, 1 << 20);
    }

    @Test
    void reservedParameterNamesAreSkippedWithANote() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("BASH_ENV", "/tmp/evil.sh");
        params.put("LD_PRELOAD", "/tmp/evil.so");
        params.put("SHELLOPTS", "xtrace");
        params.put("PS4", "$(touch /tmp/pwned)");
        params.put("BASH_FUNC_x%%", "() { id; }");
        params.put("SPARKY_WORKSPACE", "/etc");
        params.put("GREETING", "hi");
        List<String> notes = new ArrayList<>();
        Map<String, String> env = environment(Map.of("PATH", "/usr/bin"))
                .of(job(params, Map.of(), List.of()), workspace, null, Map.of(), "cookie", notes);
        assertEquals("hi", env.get("GREETING"));
        for (String name : List.of("BASH_ENV", "LD_PRELOAD", "SHELLOPTS", "PS4", "BASH_FUNC_x%%")) {
            assertFalse(env.containsKey(name), name);
        }
        assertEquals(workspace.toString(), env.get("SPARKY_WORKSPACE"));
        assertEquals(6, notes.size(), notes::toString);
        // The record's map has no order: find each note by its start.
        for (String note : List.of(
                "parameter 'BASH_ENV' skipped: names the shell reads at start-up",
                "parameter 'LD_PRELOAD' skipped: names the dynamic linker",
                "parameter 'BASH_FUNC_x%%' skipped: exported shell functions",
                "parameter 'SPARKY_WORKSPACE' skipped: Sparky's own variables")) {
            assertTrue(notes.stream().anyMatch(n -> n.startsWith(note)), () -> note + " not in " + notes);
        }
    }

    @Test
    void theProjectsEnvTheRunnersVariablesAndSecretsWinOverParameters() {
        List<String> notes = new ArrayList<>();
        Map<String, String> env = environment(Map.of("PATH", "/usr/bin"))
                .of(
                        job(
                                Map.of(
                                        "GREETING",
                                        "from-param",
                                        "DEPLOY_KEY",
                                        "mine",
                                        "MISSING",
                                        "mine too",
                                        "TARGET",
                                        "t"),
                                Map.of("GREETING", "from-env"),
                                List.of("DEPLOY_KEY", "MISSING")),
                        workspace,
                        null,
                        Map.of("DEPLOY_KEY", "s3cret"),
                        "cookie",
                        notes);
        assertEquals("from-env", env.get("GREETING"));
        assertEquals("s3cret", env.get("DEPLOY_KEY"));
        assertFalse(env.containsKey("MISSING"), "a parameter does not stand in for a missing secret");
        assertEquals("t", env.get("TARGET"));
        assertEquals("/usr/bin", env.get("PATH"));
        assertEquals(
                Workspace.homeOf(workspace).resolve(".sparky-params.json").toString(), env.get("SPARKY_PARAMS_FILE"));
    }

    @Test
    void theParamsFileHoldsThePassedParametersOnlyReadableByTheBuild() throws IOException {
        Path ws = Files.createDirectories(home.resolve("ws"));
        Files.createDirectories(Workspace.homeOf(ws));
        BuildEnvironment.writeParamsFile(
                job(Map.of("TARGET", "$(touch x)\nline 2", "LD_PRELOAD", "/x.so"), Map.of(), List.of()), ws, null);
        Path file = Workspace.homeOf(ws).resolve(".sparky-params.json");
        @SuppressWarnings("unchecked")
        Map<String, String> read = Json.read(Files.readAllBytes(file), Map.class);
        assertEquals(Map.of("TARGET", "$(touch x)\nline 2"), read);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** Scripts started by a bash shebang, another shebang, and bash itself (no shebang). */
    @ParameterizedTest
    @ValueSource(strings = {"#!/bin/bash\n", "#!/bin/sh\n", ""})
    void noParameterRunsCodeBeforeTheScriptAndValuesArriveVerbatim(String shebang) throws IOException {
        Path pwned = home.resolve("pwned");
        Path evil = home.resolve("evil.sh");
        Files.writeString(evil, "touch " + pwned + "\n");
        String value = "$(touch " + pwned + ") `touch " + pwned + "`\nsecond line; touch " + pwned;
        fx.script(
                "attack",
                shebang + "printf '%s\\n' \"$TARGET\"\ncat \"$SPARKY_PARAMS_FILE\"; echo\n"
                        + "echo \"bash_env=${BASH_ENV-unset} shellopts=$SHELLOPTS\"\n");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("TARGET", value);
        params.put("BASH_ENV", evil.toString());
        params.put("ENV", evil.toString());
        params.put("SHELLOPTS", "xtrace");
        params.put("PS4", "$(touch " + pwned + ")");
        params.put("PROMPT_COMMAND", "touch " + pwned);
        params.put("LD_PRELOAD", home.resolve("nothing.so").toString());
        params.put("PATH", home.toString());
        ExecFixture.Run run = fx.run(Jobs.job(2, "attack", "job.sh", params, Map.of(), List.of(), 60, 1 << 20));
        assertEquals(Outcome.SUCCEEDED, run.result().outcome(), run.log());
        String log = run.log();
        assertTrue(log.startsWith(value + "\n"), log);
        assertTrue(log.contains(new String(Json.write(Map.of("TARGET", value)), StandardCharsets.UTF_8)), log);
        assertTrue(log.contains("bash_env=unset"), log);
        assertFalse(log.matches("(?s).*shellopts=[^\n]*xtrace.*"), log);
        assertFalse(Files.exists(pwned), "no parameter ran code:\n" + log);
        assertEquals(
                7,
                run.prepared().notes().stream()
                        .filter(n -> n.startsWith("parameter '"))
                        .count(),
                run.prepared().notes()::toString);
    }
}
