package dev.sparky.scheduler.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trigger-file format: JSON and YAML as data, and a clear reason for every bad file. */
class TriggerFileParserTest {

    private static TriggerFile parse(String name, String text) throws TriggerFileException {
        return TriggerFileParser.parse(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String name, String text) {
        return assertThrows(TriggerFileException.class, () -> parse(name, text)).getMessage();
    }

    @Test
    void json() throws Exception {
        TriggerFile t = parse("deploy-42.json", """
                {"description": "deploy from webhook", "params": {"DEPLOY_ENV": "prod", "N": 3, "DRY": false, "X": null}}
                """);
        assertEquals("deploy-42", t.jobId());
        assertEquals("deploy from webhook", t.description());
        assertEquals(Map.of("DEPLOY_ENV", "prod", "N", "3", "DRY", "false", "X", ""), t.params());
        assertTrue(t.warnings().isEmpty());
    }

    @Test
    void yamlWithTagsStringAndParamsOverridingTags() throws Exception {
        TriggerFile t = parse("nightly.2026.yaml", """
                description: nightly run
                tags: "A=1,B=two,flag"
                params:
                  B: three
                  VERSION: 1.10
                """);
        assertEquals("nightly.2026", t.jobId());
        assertEquals(Map.of("A", "1", "B", "three", "flag", "true", "VERSION", "1.10"), t.params());
    }

    @Test
    void tagsAsMapAndSparkysSparrowdoTags() throws Exception {
        assertEquals(Map.of("A", "1"), parse("x.yml", "tags: {A: 1}\n").params());
        TriggerFile t = parse(
                "x.json",
                "{\"sparrowdo\": {\"tags\": \"K=v\", \"docker\": \"alpine\", \"dockr\": 1},"
                        + " \"cwd\": \"/tmp\", \"descripton\": \"typo\"}");
        assertEquals(Map.of("K", "v"), t.params());
        // Sparky's known options are notes; unknown keys (typos) are warnings.
        assertEquals(2, t.notes().size(), t.notes().toString());
        assertTrue(
                t.notes()
                        .get(0)
                        .startsWith("sparrowdo.docker is ignored (line 1): the project's sparky.yaml" + " decides"),
                t.notes().toString());
        assertTrue(
                t.notes().get(1).startsWith("cwd is ignored (line 1)"),
                t.notes().toString());
        assertEquals(2, t.warnings().size(), t.warnings().toString());
        assertTrue(
                t.warnings().get(0).contains("unknown option sparrowdo.dockr is ignored"),
                t.warnings().toString());
        assertTrue(
                t.warnings().get(1).contains("unknown field 'descripton' is ignored (line 1)"),
                t.warnings().toString());
    }

    @Test
    void emptyMappingIsAValidTriggerWithADefaultDescription() throws Exception {
        TriggerFile t = parse("abc.json", "{}");
        assertEquals("triggered by file abc.json", t.description());
        assertTrue(t.params().isEmpty());
    }

    @Test
    void yamlClassTagsAreRefusedNotConstructed() {
        assertTrue(error("x.yaml", "description: !!java.io.File /etc/passwd\n")
                .startsWith("not valid YAML: Global tag is not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bad.json   | {\"description\": \"x\",                | not valid JSON:",
                "bad.json   | {\"params\": {\"A\": 1}} {}              | unexpected content after the JSON value (line 1)",
                "bad.json   | {\"params\": {\"A\": 1}} trailing        | not valid JSON: Unrecognized token 'trailing'",
                "bad.yaml   | 'description: [unclosed'                  | not valid YAML:",
                "list.json  | [1, 2]                                    | the file must hold a mapping",
                "text.yaml  | just words                                | the file must hold a mapping",
                "t.json     | {\"description\": [\"a\"]}               | description: expected text, found a list (line 1)",
                "t.json     | {\"params\": \"A=1\"}                    | params: expected a mapping of names to values, found text",
                "t.json     | {\"params\": {\"A\": {\"B\": 1}}}        | params.A: expected text, found a mapping",
                "t.json     | {\"params\": {\"1A\": \"x\"}}            | params.1A: the name must be a variable name",
                "t.json     | {\"tags\": \"bad-name=1\"}               | tags: tag 'bad-name=1': the name must be a variable name",
                "t.json     | {\"params\": {\"BASH_ENV\": \"x\"}}      | parameter 'BASH_ENV' refused: names the shell reads at start-up",
                "t.json     | {\"tags\": \"LD_PRELOAD=/x.so\"}       | parameter 'LD_PRELOAD' refused: names the dynamic linker",
                "t.yaml     | 'params: {PYTHONSTARTUP: /x.py}'          | parameter 'PYTHONSTARTUP' refused: names language runtimes",
                "t.json     | {\"a\": 1, \"a\": 2}                     | field 'a' appears twice",
                "-x.json    | {}                                        | file name: job id '-x' is not valid",
                "a..b.json  | {}                                        | file name: job id 'a..b' is not valid",
                "cron-202612050300.json | {}                            | file name: job id 'cron-202612050300' starts with 'cron-', which is reserved",
                "SCM-0123456789ab.yaml  | {}                            | file name: job id 'SCM-0123456789ab' starts with 'scm-', which is reserved",
                "job.txt    | {\"a\": 1,}                               | not a Sparky trigger hash: line 1, column 2: expected a pair",
                "e.json     | '   '                                     | the file is empty",
                "e.yaml     | '# only a comment'                        | the file has no YAML content",
            })
    void badFilesSayWhatIsWrong(String name, String text, String expected) {
        String message = error(name.trim(), text.trim());
        assertTrue(message.contains(expected.trim()), message);
    }

    @Test
    void errorsNameTheLine() {
        assertEquals("params.B: expected text, found a list (line 4)", error("t.yaml", """
                description: ok
                params:
                  A: 1
                  B: [1, 2]
                """));
        assertTrue(error("t.json", "{\n  \"params\": {\n    \"A\": 1,\n  }\n}").contains("(line 4"));
    }

    @Test
    void tooLargeOrNotUtf8() {
        byte[] big = new byte[(int) TriggerFileParser.MAX_BYTES + 1];
        assertTrue(assertThrows(TriggerFileException.class, () -> TriggerFileParser.parse("big.json", big))
                .getMessage()
                .contains("larger than 1 MiB"));
        assertTrue(assertThrows(
                        TriggerFileException.class,
                        () -> TriggerFileParser.parse("bin.json", new byte[] {(byte) 0xff, (byte) 0xfe}))
                .getMessage()
                .contains("not UTF-8"));
    }

    @Test
    void ignoredNames() {
        assertTrue(TriggerFileParser.ignored(".job.json.tmp"));
        assertTrue(TriggerFileParser.ignored("job.json.tmp"));
        assertTrue(TriggerFileParser.ignored(".hidden.json"));
        assertTrue(!TriggerFileParser.ignored("job.json"));
    }
}
