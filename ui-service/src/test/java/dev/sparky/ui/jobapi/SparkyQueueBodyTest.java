package dev.sparky.ui.jobapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.SentScenario;
import dev.sparky.ui.error.RequestRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sparky::JobApi's POST /queue body, as the Raku client writes it. */
class SparkyQueueBodyTest {

    private static SparkyQueueBody parse(String json) {
        return SparkyQueueBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theClientsBodyBecomesTheChildsProjectJobIdTagsAndScenario() {
        SparkyQueueBody q = parse("""
                {"config":{"project":"spawned_01","job-id":"abc.12","description":"spawned job. 01",
                  "tags":{"stage":"child","foo":1,"flag":true,"none":null},
                  "sparrowdo":{"no_index_update":true,"verbose":false,"no_sudo":true,"bootstrap":false,"format":"default"},
                  "parent-project":"p","parent-job-id":"p-1"},
                 "trigger":{},"sparrowfile":"say 'hi';\\n","sparrowdo-config":{}}
                """);
        assertEquals("spawned_01", q.project());
        assertEquals("abc.12", q.jobId());
        assertEquals("spawned job. 01", q.description());
        assertEquals(Map.of("stage", "child", "foo", "1", "flag", "True", "none", ""), q.tags());
        assertEquals("say 'hi';\n", q.scenario().sparrowfile());
        // only the flags that apply on a runner, false kept (it overrides the parent's); sudo, bootstrap: false
        // and format are left out
        assertEquals(
                Map.of("no_index_update", "true", "verbose", "false"),
                q.scenario().sparrowdo());
    }

    @Test
    void missingFieldsAreNamed() {
        var e = assertThrows(
                RequestRefusedException.class,
                () -> parse("{\"config\":{\"project\":\"p\"}," + "\"sparrowfile\":\"say 1\"}"));
        assertEquals(400, e.kind().status());
        assertEquals("POST /queue: field 'config.job-id' is required", e.getMessage());
        e = assertThrows(
                RequestRefusedException.class, () -> parse("{\"config\":{\"project\":\"p\",\"job-id\":\"j\"}}"));
        assertTrue(e.getMessage().contains("'sparrowfile'"), e.getMessage());
        e = assertThrows(RequestRefusedException.class, () -> parse("not json"));
        assertTrue(e.getMessage().startsWith("POST /queue: the body is not JSON"), e.getMessage());
    }

    @Test
    void aChildSentToAnotherHostOrContainerIsRefusedNamingTheOptionAndWhatToDo() {
        for (String option : new String[] {
            "\"host\":\"sparrowhub.io\"", "\"ssh_user\":\"root\"", "\"docker\":\"web\"", "\"bootstrap\":true"
        }) {
            var e = assertThrows(
                    RequestRefusedException.class,
                    () -> parse("{\"config\":{\"project\":\"p\","
                            + "\"job-id\":\"j\",\"sparrowdo\":{\"no_index_update\":true," + option + "}},"
                            + "\"sparrowfile\":\"say 1\"}"));
            assertEquals(400, e.kind().status(), option);
            String name = option.substring(1, option.indexOf('"', 1));
            assertTrue(
                    e.getMessage()
                            .startsWith("POST /queue: config.sparrowdo." + name + ": a child build runs on "
                                    + "a runner of this installation"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("names a runner pool whose runners are that host"), e.getMessage());
        }
    }

    @Test
    void aTagThatIsAListIsRefused() {
        var e = assertThrows(
                RequestRefusedException.class,
                () -> parse("{\"config\":{\"project\":\"p\",\"job-id\":"
                        + "\"j\",\"tags\":{\"l\":[1,2]}},\"sparrowfile\":\"say 1\"}"));
        assertEquals(400, e.kind().status());
        assertTrue(e.getMessage().contains("tag 'l' is a list or a hash"), e.getMessage());
    }

    @Test
    void anOversizedSparrowfileIs413() {
        String big = "a".repeat(SentScenario.MAX_BYTES + 1);
        var e = assertThrows(
                RequestRefusedException.class,
                () -> parse("{\"config\":{\"project\":\"p\",\"job-id\":" + "\"j\"},\"sparrowfile\":\"" + big + "\"}"));
        assertEquals(413, e.kind().status());
        assertTrue(e.getMessage().contains("more than the 524288 bytes a sent scenario may have"), e.getMessage());
    }
}
