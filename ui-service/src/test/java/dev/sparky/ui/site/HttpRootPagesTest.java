package dev.sparky.ui.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Served under {@code SPARKY_HTTP_ROOT=/sparky}: every link, asset, form and redirect of the pages is under the
 * prefix and answers there; the page script builds its URLs from the prefix the page names.
 */
@QuarkusTest
@TestProfile(HttpRootPagesTest.UnderSparky.class)
class HttpRootPagesTest {
    private static final Pattern URL_ATTR = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"");

    public static class UnderSparky implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sparky.http.root", "/sparky");
        }
    }

    @Inject
    FakeDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        dispatcher.reset();
        dispatcher.add(FakeDispatcher.build(1, "hello", "j1", BuildState.SUCCEEDED, "done", Map.of()));
        dispatcher.add(FakeDispatcher.build(2, "hello", "j2", BuildState.RUNNING, "running", Map.of()));
        dispatcher.log(1, "line\n");
    }

    @Test
    void everyLinkOfEveryPageIsUnderThePrefixAndAnswers() {
        Deque<String> todo = new ArrayDeque<>(List.of("/sparky/", "/sparky/about", "/sparky/queue"));
        Set<String> seen = new LinkedHashSet<>(todo);
        List<String> problems = new ArrayList<>();
        while (!todo.isEmpty()) {
            String page = todo.pop();
            Response r = given().redirects().follow(false).get(page);
            if (r.statusCode() == 303) {
                String location = r.getHeader("Location");
                if (!location.startsWith("/sparky/")) {
                    problems.add(page + " redirects to " + location);
                } else if (seen.add(location)) {
                    todo.add(location);
                }
                continue;
            }
            if (r.statusCode() != 200) {
                problems.add(page + " answered " + r.statusCode());
                continue;
            }
            if (!String.valueOf(r.contentType()).startsWith("text/html")) {
                continue;
            }
            Matcher m = URL_ATTR.matcher(r.asString());
            while (m.find()) {
                String url = m.group(1).replace("&amp;", "&");
                if (url.startsWith("#")) {
                    continue;
                }
                if (!url.startsWith("/sparky/")) {
                    problems.add(page + " links to " + url);
                } else if (!url.startsWith("/sparky/q/") && seen.add(url)) {
                    todo.add(url);
                }
            }
        }
        assertEquals(List.of(), problems);
        for (String expected : List.of(
                "/sparky/projects/hello",
                "/sparky/builds/1",
                "/sparky/builds",
                "/sparky/runners",
                "/sparky/js/sparky.js",
                "/sparky/css/sparky.css",
                "/sparky/webjars/bulma/1.0.4/css/bulma.min.css",
                "/sparky/report/raw/hello/j1")) {
            assertTrue(seen.contains(expected), expected + " was not reached; reached: " + seen);
        }
    }

    @Test
    void pagesNameThePrefixForTheirScriptWhichBuildsEveryUrlFromIt() {
        given().get("/sparky/projects/hello")
                .then()
                .statusCode(200)
                .body(containsString("<meta name=\"sparky-root\" content=\"/sparky\">"));
        String script = given().get("/sparky/js/sparky.js")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // A URL starts an expression (an argument, an assignment); only root() may come first.
        Matcher literal = Pattern.compile("[(=,:]\\s*'/[a-z]").matcher(script);
        assertTrue(!literal.find(), () -> "a URL in sparky.js without root(): " + literal.group());
        assertTrue(script.contains("root() + '/api/v1/events"), "the live view's stream");
    }

    @Test
    void sparkysOldUrlsRedirectUnderThePrefix() {
        for (String[] c : new String[][] {
            {"/sparky/project/hello", "/sparky/projects/hello"},
            {"/sparky/report/hello/1", "/sparky/builds/1"},
            {"/sparky/builds_latest", "/sparky/builds"},
            {"/sparky/report_jid/hello/j1", "/sparky/builds/1"},
            {"/sparky/projects", "/sparky/"}
        }) {
            given().redirects().follow(false).get(c[0]).then().statusCode(303).header("Location", c[1]);
        }
    }

    @Test
    void theLiveViewsPiecesAndTheApiAnswerUnderThePrefixToo() {
        given().get("/sparky/fragments/projects")
                .then()
                .statusCode(200)
                .body(containsString("href=\"/sparky/projects/hello\""));
        given().get("/sparky/api/v1/projects/hello")
                .then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("hello"));
        given().get("/sparky/status/hello/j1").then().statusCode(200).body(org.hamcrest.Matchers.equalTo("1"));
        // Without the prefix (a proxy that strips it, as Sparky expects) the same routes answer, linking under it.
        given().get("/projects/hello").then().statusCode(200).body(containsString("href=\"/sparky/builds/1\""));
    }
}
