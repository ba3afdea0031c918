package dev.sparky.scheduler.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sparky's own trigger files (no extension; a Raku hash or JSON) become the same requests as ours. */
class SparkyTriggerFileTest {

    private static TriggerFile parse(String name, String text) throws TriggerFileException {
        return TriggerFileParser.parse(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String name, String text) {
        return assertThrows(TriggerFileException.class, () -> parse(name, text)).getMessage();
    }

    @Test
    void rakuHashWithDescriptionAndSparrowdoTags() throws Exception {
        TriggerFile t = parse("kxqzjwvbnmtrplhgfdsa.4242", """
                %(
                  description => "nightly",
                  cwd => "/home/x/.sparky/.cache/abc",
                  sparrowdo => %( tags => "a=1,b=2", no_sudo => True ),
                )
                """);
        assertEquals("kxqzjwvbnmtrplhgfdsa.4242", t.jobId(), "the whole name is the job id");
        assertEquals("nightly", t.description());
        assertEquals(Map.of("a", "1", "b", "2"), t.params());
        assertTrue(t.warnings().isEmpty(), t.warnings().toString());
        assertEquals(2, t.notes().size(), t.notes().toString());
        assertTrue(t.notes().get(0).startsWith("cwd is ignored (line 3): the build runs the project's own scenario"));
        assertTrue(t.notes().get(1).startsWith("sparrowdo.no_sudo is ignored (line 4)"));
    }

    @Test
    void sparkysJsonFormat() throws Exception {
        // SPARKY_TRIGGER_FORMAT=json: the same hash as pretty JSON.
        TriggerFile t = parse("abcdefghijklmnopqrst.77", """
                {
                  "description": "triggered by user admin",
                  "sparrowdo": {
                    "tags": "VERSION=1.4.2,notify",
                    "localhost": true
                  }
                }
                """);
        assertEquals("triggered by user admin", t.description());
        assertEquals(Map.of("VERSION", "1.4.2", "notify", "true"), t.params());
        assertTrue(
                t.notes().get(0).startsWith("sparrowdo.localhost is ignored (line 5)"),
                t.notes().toString());
    }

    @Test
    void jobApiStyleTagsHashAndRakuWithQuotedKeysThatLooksLikeJson() throws Exception {
        TriggerFile t = parse(
                "child-1",
                "{ \"description\" => \"spawned job\", \"tags\" => %( stage => \"build\","
                        + " N => 3, DRY => False ) }");
        assertEquals("spawned job", t.description());
        assertEquals(Map.of("stage", "build", "N", "3", "DRY", "False"), t.params());
    }

    @Test
    void dotRakuOutputOfSparrowdoWithSparky() throws Exception {
        TriggerFile t = parse(
                "abcdefghijklmnopqrst12345",
                "{:cwd(\"/home/x/.sparky/.cache/abcdefghijklmnopqrst12345/\"),"
                        + " :description(\"host [10.0.0.5]\"), :sparrowdo(${:bootstrap(Bool::False), :host(\"10.0.0.5\"),"
                        + " :no_index_update(Bool::False), :repo(\"http://rakudist.raku.org/repo/\"), :ssh_port(22),"
                        + " :verbose(Bool::False)})}\n");
        assertEquals("host [10.0.0.5]", t.description());
        assertTrue(t.params().isEmpty());
        assertEquals(7, t.notes().size(), t.notes().toString());
        assertTrue(t.warnings().isEmpty(), t.warnings().toString());
    }

    @Test
    void minimalTriggersAndUnknownKeysAreWarnings() throws Exception {
        assertEquals("triggered by file q1", parse("q1", "%()").description());
        assertEquals(
                "triggered by cron",
                parse("q2", "{description => 'triggered by cron'}").description());
        TriggerFile t = parse("q3", "%( description => Nil, key => 'x', sparrowdo => Nil )");
        assertEquals("triggered by file q3", t.description());
        assertEquals(1, t.warnings().size());
        assertTrue(t.warnings().get(0).startsWith("unknown field 'key' is ignored (line 1)"));
    }

    @Test
    void aDollarInADescriptionIsText() throws Exception {
        assertEquals(
                "$(rm -rf /)",
                parse("d1", "%( description => \"$(rm -rf /)\" )").description());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "r1        | %( a => run(\"id\") )                  | not a Sparky trigger hash: line 1, column 9: expected a value",
                "r2        | { die \"x\" }                           | not a Sparky trigger hash: line 1, column 3: expected a value",
                "r3        | %( description => \"open               | line 1, column 19: unterminated string",
                "r4        | \"just text\"                           | the file must hold a mapping",
                "r5        | %( tags => \"bad-name=1\" )             | tags: tag 'bad-name=1': the name must be a variable name",
                "r6        | %( sparrowdo => %( tags => \"LD_PRELOAD=/x.so\" ) ) | parameter 'LD_PRELOAD' refused: names the dynamic linker",
                "r7        | %( tags => %( BASH_ENV => '/x' ) )      | parameter 'BASH_ENV' refused",
                "r8        | %( params => %( '1A' => 'x' ) )         | params.1A: the name must be a variable name",
                "r9        | %( sparrowdo => 'docker' )              | sparrowdo: expected a mapping, found text (line 1)",
                "r10       | %( description => [1] )                 | description: expected text, found a list (line 1)",
                "cron-202612050300 | %()                             | job id 'cron-202612050300' starts with 'cron-', which is reserved",
                "after-x   | %()                                     | starts with 'after-', which is reserved",
                "-x        | %()                                     | file name: job id '-x' is not valid",
                "r11       | {\"a\": 1, \"a\": 2}                    | (read as JSON instead: field 'a' appears twice",
            })
    void badSparkyFilesSayWhatIsWrong(String name, String text, String expected) {
        String message = error(name.trim(), text.trim());
        assertTrue(message.contains(expected.trim()), message);
    }

    @Test
    void hugeFileIsRefusedBeforeParsing() {
        byte[] big = ("%( description => \"" + "x".repeat((int) TriggerFileParser.MAX_BYTES) + "\" )")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(TriggerFileException.class, () -> TriggerFileParser.parse("big", big))
                .getMessage()
                .contains("larger than 1 MiB"));
    }
}
