package dev.sparky.scheduler.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raku hash literals as Sparky and its producers write them are read as data; code is refused, never run. */
class RakuHashLiteralTest {

    /** The parsed tree as plain maps, lists and text, to compare with literals. */
    private static Object plain(String text) throws TriggerFileException {
        return plain(RakuHashLiteral.parse(text));
    }

    private static Object plain(Located l) {
        if (l.value() instanceof Map<?, ?>) {
            Map<String, Object> out = new LinkedHashMap<>();
            l.map().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (l.value() instanceof List<?> list) {
            return list.stream().map(v -> plain((Located) v)).toList();
        }
        return l.value();
    }

    private static String error(String text) {
        return assertThrows(TriggerFileException.class, () -> RakuHashLiteral.parse(text))
                .getMessage();
    }

    @Test
    void sparkysOwnTriggers() throws Exception {
        // sparkyd's cron trigger and the web UI's "Build now", written as text.
        assertEquals(Map.of("description", "triggered by cron"), plain("%(\n  description => 'triggered by cron'\n)"));
        assertEquals(Map.of("description", "triggered by cron"), plain("{description => 'triggered by cron'}"));
        assertEquals(
                Map.of(
                        "description",
                        "triggered by user",
                        "sparrowdo",
                        Map.of("tags", "SCM_SHA=3f2c0e1d,SCM_BRANCH=main")),
                plain("""
                %(
                  description => "triggered by user",
                  sparrowdo => %(
                    tags => "SCM_SHA=3f2c0e1d,SCM_BRANCH=main",
                  ),
                )
                """));
    }

    @Test
    void dotRakuOutputAsSparrowdoWithSparkyWritesIt() throws Exception {
        // %trigger.raku (formerly .perl): colon pairs, item markers, Bool::True, numbers.
        Object t = plain("{:cwd(\"/home/x/.sparky/.cache/abc/\"), :description(\"host [10.0.0.5]\"), "
                + ":sparrowdo(${:bootstrap(Bool::False), :host(\"10.0.0.5\"), :no_index_update, :!verbose, "
                + ":repo(\"http://rakudist.raku.org/repo/\"), :ssh_port(22), :tags(\"name=web,env=prod\")})}");
        assertEquals(
                Map.of(
                        "cwd",
                        "/home/x/.sparky/.cache/abc/",
                        "description",
                        "host [10.0.0.5]",
                        "sparrowdo",
                        Map.of(
                                "bootstrap",
                                "False",
                                "host",
                                "10.0.0.5",
                                "no_index_update",
                                "True",
                                "verbose",
                                "False",
                                "repo",
                                "http://rakudist.raku.org/repo/",
                                "ssh_port",
                                "22",
                                "tags",
                                "name=web,env=prod")),
                t);
    }

    @Test
    void theDocumentedExampleWithABlockAroundAHash() throws Exception {
        Object t = plain("""
                {
                  description => "web app build",
                  cwd => "/path/to/working/directory",
                  sparrowdo => {
                    %(
                      host  => "foo.bar",
                      ssh_user  => "admin",
                      tags => "prod,backend"
                    )
                  }
                }
                """);
        assertEquals(
                Map.of(
                        "description",
                        "web app build",
                        "cwd",
                        "/path/to/working/directory",
                        "sparrowdo",
                        Map.of("host", "foo.bar", "ssh_user", "admin", "tags", "prod,backend")),
                t);
    }

    @Test
    void valuesOfEveryKind() throws Exception {
        Object t = plain("""
                %( # a comment
                  "quoted key" => 'it\\'s \\\\ \\n kept',   # single quotes: only \\' and \\\\
                  dq => "tab\\there \\"q\\" \\$HOME \\x[41,42] \\x43 \\o[101] \\c[68] \\{x\\}",
                  n => -1_000, f => 2.5e3, t => True, no => False, nil => Nil, any => Any,
                  list => [1, 'two', "three", ], paren => ('a', 'b'), words => <x y z>, word => <one>,
                  :colon<value>, :list-key[1, 2], :hash{ a => 1 }, :plain(1), :kebab-case-key("k"),
                  tags => %( A => "1", B => 'two' ),
                )
                """);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("quoted key", "it's \\ \\n kept");
        expected.put("dq", "tab\there \"q\" $HOME AB C A D {x}");
        expected.put("n", "-1000");
        expected.put("f", "2.5e3");
        expected.put("t", "True");
        expected.put("no", "False");
        expected.put("nil", null);
        expected.put("any", null);
        expected.put("list", List.of("1", "two", "three"));
        expected.put("paren", List.of("a", "b"));
        expected.put("words", List.of("x", "y", "z"));
        expected.put("word", "one");
        expected.put("colon", "value");
        expected.put("list-key", List.of("1", "2"));
        expected.put("hash", Map.of("a", "1"));
        expected.put("plain", "1");
        expected.put("kebab-case-key", "k");
        expected.put("tags", Map.of("A", "1", "B", "two"));
        assertEquals(expected, t);
        assertEquals(Map.of(), plain("%()"));
        assertEquals(Map.of(), plain("{}"));
        assertEquals(Map.of("a", "1"), plain("%(a=>1);\n"));
    }

    @Test
    void linesAreKept() throws Exception {
        Located root = RakuHashLiteral.parse("%(\n  a => 1,\n  b => [\n    2 ]\n)");
        assertEquals(2, root.map().get("a").line());
        assertEquals(3, root.map().get("b").line());
    }

    @Test
    void nothingInsideDoubleQuotesIsInterpolated() throws Exception {
        assertEquals(Map.of("description", "$(rm -rf /)"), plain("%( description => \"$(rm -rf /)\" )"));
        assertEquals(
                Map.of("d", "{ run 'id' } @a[] %h{} &f() $*ENV<HOME>"),
                plain("%( d => \"{ run 'id' } @a[] %h{} &f() $*ENV<HOME>\" )"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "%( a => run(\"id\") )",
                "%( a => shell 'id' )",
                "{ die \"x\" }",
                "%( a => qx{id} )",
                "%( a => $x )",
                "%( a => %*ENV<HOME> )",
                "%( a => 1 + 1 )",
                "%( a => \"x\" ~ \"y\" )",
                "%( a => EVAL(\"1\") )",
                "%( a => { run 'id' } )",
                "%( a => 1 ) ; run 'id'",
                "%( :a(run('id')) )",
                "use MONKEY; %( )",
                "BEGIN { run 'id' }; %( )",
                "%( a => sub { 1 } )",
                "%( a => -> { 1 } )",
            })
    void codeIsRefusedNeverRun(String text) {
        String message = error(text);
        assertTrue(message.startsWith("not a Sparky trigger hash: line 1, column "), message);
        assertTrue(message.contains("expected"), message);
    }

    @Test
    void errorsNameLineColumnAndWhatWasExpected() {
        assertEquals(
                "not a Sparky trigger hash: line 1, column 9: expected a value (a quoted string, a number, True,"
                        + " False, Nil, a hash %( ) or a list [ ]); Sparky trigger files are read as data, so code such as a"
                        + " function call or a bare word is refused, found 'run(\"id\")'",
                error("%( a => run(\"id\") )"));
        assertEquals(
                "not a Sparky trigger hash: line 3, column 18: unterminated string: the \" opened here is never"
                        + " closed, found '\"nightly'",
                error("%(\n  cwd => '/x',\n  description => \"nightly\n)\n"));
        assertTrue(error("%( a => 'open").contains("line 1, column 9: unterminated string: the ' opened here"));
        assertTrue(error("{ die \"x\" }").contains("line 1, column 3: expected a value"), error("{ die \"x\" }"));
        assertTrue(error("%( a => 1 b => 2 )").contains("line 1, column 11: expected ',' or ')' after the pair"));
        assertTrue(error("%( a => 1, a => 2 )").contains("key 'a' appears twice"));
        assertTrue(error("%( a => 1").contains("found the end of the file"));
        assertTrue(error("%( [1] )").contains("expected a pair"));
        assertTrue(error("[ a => 1 ]").contains("a pair belongs in a hash"));
        assertTrue(error("%( a => \"\\q\" )").contains("unknown escape '\\q'"));
        assertTrue(error("%( a => \"\\c[NULL]\" )").contains("named characters"));
        assertTrue(error("%( a => 1 ) #`( embedded )").contains("embedded comments"));
        assertTrue(error("%( a => 1 ) %( b => 2 )").contains("expected the end of the file"));
        assertTrue(error("# only a comment\n").contains("holds no hash"));
    }

    @Test
    void deepNestingIsRefusedBeforeTheStackSuffers() throws Exception {
        String ok = "%( a => ".repeat(RakuHashLiteral.MAX_DEPTH) + "1" + " )".repeat(RakuHashLiteral.MAX_DEPTH);
        assertTrue(RakuHashLiteral.parse(ok).isMap());
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(error(deep).contains("nested more than 16 levels deep"), error(deep));
        String deepHash = "%( a => ".repeat(40) + "1" + " )".repeat(40);
        assertTrue(error(deepHash).contains("line 1, column 137: nested more than 16 levels deep"), error(deepHash));
    }

    @Test
    void nilValuesAreNull() throws Exception {
        assertNull(RakuHashLiteral.parse("%( a => Nil )").map().get("a").value());
    }
}
