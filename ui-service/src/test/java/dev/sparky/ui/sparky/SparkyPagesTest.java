package dev.sparky.ui.sparky;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sparky's page URLs (docs/http-api.md, "Sparky's page URLs") lead to the pages that show the same thing. */
@QuarkusTest
class SparkyPagesTest {
    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        dispatcher.reset();
        publisher.reset();
        dispatcher.add(FakeDispatcher.build(7, "hello", "KEY7", BuildState.SUCCEEDED, "", Map.of()));
    }

    @ParameterizedTest
    @CsvSource({
        "/projects,/",
        "/builds_latest,/builds",
        "/project/hello/builds,/builds?project=hello",
        "/build/project/hello,/projects/hello",
        "/build/project/hello?group=extra,/projects/hello?group=extra",
        "/project/hello,/projects/hello",
        "/report/hello/7,/builds/7"
    })
    void sparkysPageUrlsAnswerSeeOtherToTheirPage(String sparky, String page) {
        given().redirects().follow(false).get(sparky).then().statusCode(303).header("Location", page);
        given().get(sparky).then().statusCode(200).contentType(startsWith("text/html"));
    }

    @Test
    void theBuildFormOfSparkyLeadsToTheFormAndChangesNothing() {
        given().get("/build/project/hello?group=extra")
                .then()
                .statusCode(200)
                .body(containsString("id=\"build-form\""), containsString("name=\"verbose\""));
        given().get("/build/project/nope").then().statusCode(404).body(containsString("no folder projects/nope"));
        assertTrue(publisher.requests.isEmpty(), "a GET queues nothing");
    }

    @Test
    void reportByJobIdLeadsToTheBuildOrSaysItIsUnknown() {
        dispatcher.add(FakeDispatcher.build(12, "hello", "KEYA", BuildState.SUCCEEDED, "", Map.of()));
        given().redirects()
                .follow(false)
                .get("/report_jid/hello/KEYA")
                .then()
                .statusCode(303)
                .header("Location", "/builds/12");
        given().redirects()
                .follow(false)
                .get("/report_jid/hello/nope")
                .then()
                .statusCode(404)
                .body(containsString("unknown build hello/nope"));
        given().redirects().follow(false).get("/report_jid/other/KEYA").then().statusCode(404);
    }

    @Test
    void aJustAcceptedJobLeadsToItsProjectUntilItHasANumber() {
        String id = given().post("/build/project/hello")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        given().redirects()
                .follow(false)
                .get("/report_jid/hello/" + id)
                .then()
                .statusCode(303)
                .header("Location", "/projects/hello");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/project/..%2Fx/builds",
                "/report_jid/..%2Fx/k",
                "/report_jid/hello/..%2Fk",
                "/build/project/a%2Fb",
                "/project/a%00b/builds"
            })
    void badNamesAre400BeforeAnyRedirect(String path) {
        given().urlEncodingEnabled(false)
                .redirects()
                .follow(false)
                .get(path)
                .then()
                .statusCode(400)
                .header("Location", (String) null);
    }

    @Test
    void aboutSaysWhatThisIsWithoutLeavingTheSite() {
        given().get("/about")
                .then()
                .statusCode(200)
                .body(
                        containsString("id=\"about\""),
                        containsString("/report_jid/"),
                        not(containsString("https://")),
                        not(containsString("http://")));
    }

    @Test
    void logoutByGetWithAuthOffLeadsHome() {
        given().redirects().follow(false).get("/logout").then().statusCode(303).header("Location", "/");
    }

    @Test
    void theProjectPageShowsTheScenarioHighlightedAndEscaped() throws Exception {
        Files.writeString(
                TestProjects.HOME.resolve("hello/job.sh"),
                "#!/bin/sh\n# greet </pre><script>alert(1)</script>\nif [ -n \"$NAME\" ]; then echo 'hi <b>'; fi\n");
        given().get("/projects/hello")
                .then()
                .statusCode(200)
                .body(
                        containsString("<pre class=\"scenario\" id=\"scenario\">"),
                        containsString("<span class=\"hl-comment\"># greet &lt;/pre&gt;&lt;script&gt;alert(1)"
                                + "&lt;/script&gt;</span>"),
                        containsString("<span class=\"hl-keyword\">if</span>"),
                        containsString("<span class=\"hl-string\">&quot;$NAME&quot;</span>"),
                        not(containsString("<script>alert")),
                        containsString("<span class=\"hl-string\">&#39;hi &lt;b&gt;&#39;</span>"));
    }

    @Test
    void aSparrowfileIsShownAsRaku() throws Exception {
        TestProjects.write("raku", "allow_manual_run: true\n");
        Files.delete(TestProjects.HOME.resolve("raku/job.sh"));
        Files.writeString(
                TestProjects.HOME.resolve("raku/sparrowfile"), "my $name = tags()<NAME>;\nbash \"echo $name\";\n");
        given().get("/projects/raku")
                .then()
                .statusCode(200)
                .body(
                        containsString(">sparrowfile</h2>"),
                        containsString("<span class=\"hl-keyword\">my</span> <span class=\"hl-var\">$name</span>"));
    }

    @Test
    void aScenarioLinkedOutOfTheProjectIsNotShown() throws Exception {
        TestProjects.write("linked", "allow_manual_run: true\n");
        var script = TestProjects.HOME.resolve("linked/job.sh");
        Files.delete(script);
        var outside = Files.writeString(TestProjects.HOME.getParent().resolve("outside-secret.txt"), "TOPSECRET\n");
        Files.createSymbolicLink(script, outside.toAbsolutePath());
        given().get("/projects/linked")
                .then()
                .statusCode(200)
                .body(
                        containsString("id=\"scenario-problem\""),
                        containsString("is a link out of the project folder"),
                        not(containsString("TOPSECRET")));
    }

    @Test
    void cancelAnswersTheTerminateFileNameAsSparkyDid() {
        given().post("/cancel/project/hello/KEY3").then().statusCode(200).body(equalTo("KEY3.terminate"));
    }
}
