package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.RunBuild;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparrowdoCommandTest {
    private static final String API = "http://127.0.0.1:4000";

    private static RunBuild sparrowJob(Map<String, String> params, Map<String, String> options, String token) {
        RunBuild j = Jobs.job(7, "hello-raku", "sparrowfile", params, Map.of(), List.of(), 60, 1024);
        return Jobs.withSparrowdo(j, token, options, null);
    }

    @Test
    void runsSparrowdoAsSparkyDoesBehindTheStartGateUnderAPseudoTerminal() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));
        List<String> notes = new ArrayList<>();
        List<String> command = SparrowdoCommand.of(
                Path.of("/home/s/projects/hello-raku"),
                sparrowJob(Map.of(), Map.of(), "tok"),
                null,
                env,
                API,
                Optional.empty(),
                notes);
        assertEquals(List.of("sh", "-c"), command.subList(0, 2));
        String shell = command.get(2);
        assertTrue(shell.startsWith(ScriptCommand.GATE + "; "), shell);
        assertTrue(shell.endsWith("cp -R -- \"$0/.\" . && exec script -q -e -c \"$1\" /dev/null"), shell);
        assertEquals("/home/s/projects/hello-raku", command.get(3));
        assertEquals(
                "stty -onlcr 2>/dev/null; 'exec' 'sparrowdo' '--prefix=hello-raku' '--localhost' '--no_sudo' '--color' "
                        + "'--tags=SPARKY_PROJECT=hello-raku,SPARKY_JOB_ID=job7,SPARKY_WORKER=localhost,SPARKY_TCP_PORT=4000'"
                        + ",SPARKY_API_TOKEN=\"$SPARKY_API_TOKEN\"",
                command.get(4));
        assertFalse(String.join(" ", command).contains("tok'"), "the token is expanded by the shell, not written");
        assertEquals(SparrowdoCommand.SITE_BIN + ":/usr/bin:/bin", env.get("PATH"));
        assertEquals("1", env.get("SP6_FORMAT_COLOR"));
        assertEquals(List.of(), notes);
    }

    @Test
    void projectOptionsBecomeFlagsAndTheProjectRepoWinsOverTheRunners() {
        Map<String, String> options = Map.of(
                "repo",
                "https://repo.example.org",
                "no_index_update",
                "true",
                "verbose",
                "true",
                "debug",
                "true",
                "conf",
                "conf/config.raku");
        String line = SparrowdoCommand.commandLine(
                sparrowJob(Map.of(), options, null), API, Optional.of("file:///srv/repo"), new ArrayList<>());
        assertTrue(
                line.startsWith(
                        "stty -onlcr 2>/dev/null; 'exec' 'sparrowdo' '--prefix=hello-raku' '--localhost' '--no_sudo' "
                                + "'--repo=https://repo.example.org' '--conf=conf/config.raku' '--no_index_update' '--verbose' "
                                + "'--debug' '--color' '--tags="),
                line);
        assertFalse(line.contains("SPARKY_API_TOKEN"), "no token, no tag");
        String runnerRepo = SparrowdoCommand.commandLine(
                sparrowJob(Map.of(), Map.of(), null), API, Optional.of("file:///srv/repo"), new ArrayList<>());
        assertTrue(runnerRepo.contains("'--repo=file:///srv/repo'"), runnerRepo);
    }

    @Test
    void parametersBecomeEscapedTagsExceptWhatCouldBreakOutOrReplaceAReservedTag() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("GREETING", "hello, world=1\nbye");
        params.put("SPARKY_PROJECT", "other");
        params.put("QUOTE", "x'; touch /tmp/pwned; '");
        params.put("bad-name", "v");
        List<String> notes = new ArrayList<>();
        String tags = SparrowdoCommand.tags(sparrowJob(params, Map.of(), null), "https://sparky.example.org", notes);
        assertEquals(
                "SPARKY_PROJECT=hello-raku,SPARKY_JOB_ID=job7,SPARKY_WORKER=localhost,SPARKY_TCP_PORT=443,"
                        + "SPARKY_USE_TLS=1,GREETING=hello___comma______space___world___eq___1___nl___bye",
                tags);
        assertEquals(
                List.of(
                        "parameter 'QUOTE' is not passed as a tag: its value has a quote (it is still the variable QUOTE)",
                        "parameter 'SPARKY_PROJECT' is not passed as a tag: SPARKY_PROJECT is set by the runner",
                        "parameter 'bad-name' is not passed as a tag: a tag name is a variable name"),
                notes);
    }

    @Test
    void optionValuesFromTheWireThatAreNotPlainAreLeftOut() {
        List<String> notes = new ArrayList<>();
        String line = SparrowdoCommand.commandLine(
                sparrowJob(Map.of(), Map.of("repo", "--host=evil", "conf", "../x"), null),
                API,
                Optional.empty(),
                notes);
        assertFalse(line.contains("--repo") || line.contains("--conf") || line.contains("evil"), line);
        assertEquals(1, notes.size(), notes.toString());
        assertEquals("'it'\\''s'", SparrowdoCommand.quote("it's"));
    }

    @Test
    void sparrowdoIsFoundOnlyWhereItIsAnExecutableFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path plain = java.nio.file.Files.createDirectories(dir.resolve("plain"));
        java.nio.file.Files.writeString(plain.resolve("sparrowdo"), "not executable");
        Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
        Path program = java.nio.file.Files.writeString(bin.resolve("sparrowdo"), "#!/bin/sh\n");
        program.toFile().setExecutable(true);
        assertTrue(SparrowdoCommand.find(plain.toString()).isEmpty());
        assertEquals(Optional.of(program), SparrowdoCommand.find(plain + "::" + bin));
    }

    @Test
    void siteBinIsAddedOnceAndAMissingSparrowdoNamesTheInstallCommand() {
        assertEquals(SparrowdoCommand.SITE_BIN + ":/bin", SparrowdoCommand.path(SparrowdoCommand.SITE_BIN + ":/bin"));
        assertEquals(SparrowdoCommand.SITE_BIN, SparrowdoCommand.path(null));
        assertTrue(SparrowdoCommand.find("/nonexistent-dir").isEmpty());
        String missing = SparrowdoCommand.missing("runner-1");
        assertTrue(missing.startsWith("sparrowdo is not installed on runner runner-1"), missing);
        assertTrue(missing.contains("bin/sparky install-raku"), missing);
    }
}
