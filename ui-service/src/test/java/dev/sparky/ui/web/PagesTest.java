package dev.sparky.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakeJobClient;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.FreshFakes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web pages render, escape what builds and users wrote, and load nothing from outside. */
@QuarkusTest
class PagesTest {
    static final String EVIL = "<script>alert(1)</script>";
    static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @Inject
    FakeJobClient jobs;

    @BeforeEach
    void setUp() {
        FreshFakes.reset(dispatcher, publisher, jobs);
        dispatcher.add(FakeDispatcher.build(1, "hello", "j1", BuildState.SUCCEEDED, EVIL, Map.of("P", EVIL)));
        dispatcher.add(FakeDispatcher.build(2, "hello", "j2", BuildState.RUNNING, "running one", Map.of()));
        dispatcher.add(FakeDispatcher.build(3, "hello", "j3", BuildState.QUEUED, EVIL, Map.of()));
        dispatcher.log(1, EVIL + "\n");
        dispatcher.syslogs.put(1L, "started " + EVIL + "\n");
    }

    @Test
    void dashboardListsProjectsAndCounters() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(
                        containsString("href=\"/projects/hello\""),
                        containsString("is-info"),
                        containsString("name=\"viewport\""),
                        containsString("/webjars/bulma/1.0.4/css/bulma.min.css"),
                        containsString("running one"),
                        not(containsString("https://")),
                        not(containsString(EVIL)));
    }

    @Test
    void dashboardStillListsProjectsWhenTheDispatcherIsDown() {
        dispatcher.down = true;
        given().get("/")
                .then()
                .statusCode(200)
                .body(containsString("dispatcher unavailable"), containsString("/projects/hello"));
    }

    @Test
    void projectPageShowsFormYamlAndHistoryEscaped() {
        given().get("/projects/hello")
                .then()
                .statusCode(200)
                .body(
                        containsString("id=\"build-form\""),
                        containsString("name=\"NAME\""),
                        containsString("value=\"world\""),
                        containsString("multiple"),
                        containsString("<option value=\"red\" selected>"),
                        containsString("type=\"password\""),
                        not(containsString("hunter2")),
                        containsString(ESCAPED),
                        not(containsString(EVIL)),
                        containsString("allow_manual_run: true"));
        given().get("/projects/hello?group=extra")
                .then()
                .statusCode(200)
                .body(
                        containsString("name=\"verbose\""),
                        containsString("checked"),
                        not(containsString("name=\"NAME\"")));
        given().get("/projects/broken")
                .then()
                .statusCode(200)
                .body(
                        containsString("cannot be built"),
                        containsString("projects/broken/sparky.yaml:2"),
                        not(containsString("id=\"build-form\"")));
        given().get("/projects/nope")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .body(containsString("no folder projects/nope"));
        given().urlEncodingEnabled(false).get("/projects/..%2Fx").then().statusCode(400);
    }

    @Test
    void reportPageEscapesDescriptionParamsAndSyslog() {
        given().get("/builds/1")
                .then()
                .statusCode(200)
                .body(
                        containsString(ESCAPED),
                        not(containsString(EVIL)),
                        containsString("data-build=\"1\""),
                        containsString("data-cancel=\"1\""),
                        containsString("data-rebuild=\"1\""),
                        containsString("started " + ESCAPED));
        given().get("/builds/404").then().statusCode(404).contentType(startsWith("text/html"));
    }

    @Test
    void listsQueueAndRunners() {
        given().get("/builds")
                .then()
                .statusCode(200)
                .body(containsString("/builds/3"), containsString(ESCAPED), not(containsString(EVIL)));
        given().get("/queue")
                .then()
                .statusCode(200)
                .body(containsString("waiting for a free runner"), containsString(ESCAPED));
        given().get("/runners")
                .then()
                .statusCode(200)
                .body(containsString("runner-1"), containsString("host-&lt;b&gt;1&lt;/b&gt;"));
    }

    @Test
    void sparkyPageUrlsRedirect() {
        given().redirects()
                .follow(false)
                .get("/project/hello")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/projects/hello"));
        given().redirects()
                .follow(false)
                .get("/report/hello/12")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/builds/12"));
    }

    @Test
    void staticAssetsAreServedLocally() {
        given().get("/webjars/bulma/1.0.4/css/bulma.min.css").then().statusCode(200);
        given().get("/js/sparky.js")
                .then()
                .statusCode(200)
                .body(containsString("textContent"), not(containsString("innerHTML")));
        given().get("/css/sparky.css").then().statusCode(200);
    }

    @Test
    void reportPageHasAnArtifactsTabAndTheStashEscaped() {
        jobs.artifacts.put(1L, Map.of("summary.txt", "sum=14\n".getBytes(StandardCharsets.UTF_8)));
        jobs.stashes.put(
                1L, ("{\"note\":\"" + EVIL.replace("/", "\\/") + "\",\"n\":2}").getBytes(StandardCharsets.UTF_8));
        given().get("/builds/1")
                .then()
                .statusCode(200)
                .body(
                        containsString("Artifacts (1)"),
                        containsString("href=\"/api/v1/builds/1/artifacts/summary.txt\""),
                        containsString("7 B"),
                        containsString("&quot;n&quot; : 2"),
                        containsString(ESCAPED),
                        not(containsString(EVIL)));
        given().get("/builds/2").then().statusCode(200).body(containsString("No artifacts."), containsString("Empty."));
        jobs.down = true;
        given().get("/builds/1").then().statusCode(200).body(containsString("Artifacts and stash are not available"));
    }

    @Test
    void fragmentsRenderTheRowsTheLivePagesReplace() {
        given().get("/fragments/builds/1")
                .then()
                .statusCode(200)
                .body(
                        startsWith("<tr data-build=\"1\">"),
                        containsString(ESCAPED),
                        containsString("/projects/hello"),
                        not(containsString(EVIL)));
        given().get("/fragments/builds/1?withProject=false")
                .then()
                .statusCode(200)
                .body(not(containsString("/projects/hello")));
        given().get("/fragments/builds?project=hello&limit=2")
                .then()
                .statusCode(200)
                .body(
                        containsString("data-build=\"3\""),
                        containsString("data-build=\"2\""),
                        not(containsString("data-build=\"1\"")));
        given().get("/fragments/projects/hello")
                .then()
                .statusCode(200)
                .body(startsWith("<tr data-name=\"hello\">"), containsString("#3"), containsString("Build now"));
        given().get("/fragments/projects").then().statusCode(200).body(containsString("data-name=\"broken\""));
        given().get("/fragments/projects/hello/heading")
                .then()
                .statusCode(200)
                .body(containsString("id=\"project-heading\""), containsString("1 running"));
        given().get("/fragments/summary")
                .then()
                .statusCode(200)
                .body(
                        startsWith("<div id=\"summary\">"),
                        containsString("Runners idle"),
                        containsString("running one"));
        given().get("/fragments/queue")
                .then()
                .statusCode(200)
                .body(containsString("id=\"queue-live\""), containsString(ESCAPED));
        given().get("/fragments/builds/1/files").then().statusCode(200).body(containsString("id=\"report-files\""));
        given().get("/fragments/builds/404").then().statusCode(404);
        given().urlEncodingEnabled(false)
                .get("/fragments/projects/..%2Fx")
                .then()
                .statusCode(400);
    }

    @Test
    void livePagesCarryTheirHooks() {
        given().get("/").then().body(containsString("id=\"projects\" data-live"), containsString("id=\"summary\""));
        given().get("/builds").then().body(containsString("data-with-project=\"1\""));
        given().get("/projects/hello")
                .then()
                .body(containsString("id=\"project-heading\""), containsString("data-limit=\"25\""));
        given().get("/projects/hello?before=2").then().body(not(containsString("data-limit=\"25\"")));
        given().get("/queue").then().body(containsString("id=\"queue-live\""));
    }
}
