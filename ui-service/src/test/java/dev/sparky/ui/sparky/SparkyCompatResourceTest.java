package dev.sparky.ui.sparky;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Sparky-compatible routes (docs/http-api.md): status codes and plain-text bodies, with Kafka and the dispatcher
 * faked.
 */
@QuarkusTest
class SparkyCompatResourceTest {
    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        dispatcher.reset();
        publisher.reset();
    }

    @Test
    void buildAnswersTheJobIdOnlyAfterPublishing() {
        String id = given().post("/build/project/hello")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .extract()
                .asString();
        assertTrue(id.matches("[A-Za-z]{20}"), id);
        BuildRequest r = publisher.last();
        assertEquals("hello", r.project());
        assertEquals(id, r.jobId());
        assertEquals("api", r.source());
    }

    @Test
    void buildWithTagsTakesAFormOrJson() {
        String id = given().formParam("tags", "a=1,b=x___comma___y,flag")
                .formParam("description", "from a form")
                .post("/build-with-tags/project/hello")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(id, publisher.last().jobId());
        assertEquals(
                Map.of("a", "1", "b", "x,y", "flag", "true"), publisher.last().params());
        assertEquals("from a form", publisher.last().description());

        given().contentType(ContentType.JSON)
                .body("{\"tags\":\"k=v\",\"description\":\"json\"}")
                .post("/build-with-tags/project/hello")
                .then()
                .statusCode(200);
        assertEquals(Map.of("k", "v"), publisher.last().params());
        assertEquals("json", publisher.last().description());
    }

    @Test
    void badTagsAreRefusedNamingThePair() {
        given().formParam("tags", "a=1,1bad=2")
                .post("/build-with-tags/project/hello")
                .then()
                .statusCode(400)
                .body(containsString("1bad"));
        assertTrue(publisher.requests.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BASH_ENV=$(id >&2)", "LD_PRELOAD=/tmp/x.so", "PATH=/tmp", "BASH_FUNC_x%%=() { id; }"})
    void reservedTagNamesAre400PlainTextNamingTheRule(String tag) {
        String name = tag.substring(0, tag.indexOf('='));
        given().formParam("tags", "GREETING=hi," + tag)
                .post("/build-with-tags/project/hello")
                .then()
                .statusCode(400)
                .contentType(containsString("text/plain"))
                .body(containsString("parameter '" + name + "' refused: "), containsString("; rename it"));
        given().contentType(ContentType.JSON)
                .body(Map.of("tags", tag))
                .post("/build-with-tags/project/hello")
                .then()
                .statusCode(400)
                .body(containsString("parameter '" + name + "' refused: "));
        assertTrue(publisher.requests.isEmpty());
    }

    @Test
    void aTagCannotOverrideTheProjectsEnv() {
        TestProjects.write("greeter", "allow_manual_run: true\nenv:\n  GREETING: hello\n");
        given().formParam("tags", "GREETING=pwned")
                .post("/build-with-tags/project/greeter")
                .then()
                .statusCode(400)
                .body(equalTo("parameter 'GREETING' refused: the project sets GREETING in sparky.yaml env:, and a"
                        + " parameter cannot override it; rename it\n"));
        assertTrue(publisher.requests.isEmpty());
    }

    @Test
    void rebuildReusesTheParametersUnderANewJobId() {
        dispatcher.add(FakeDispatcher.build(7, "hello", "KEY1", BuildState.FAILED, "first", Map.of("NAME", "x")));
        String id = given().post("/build/project/hello/KEY1")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(id.matches("KEY1\\.[A-Za-z]{6}"), id);
        assertEquals(Map.of("NAME", "x"), publisher.last().params());
        assertEquals("rebuild", publisher.last().source());

        given().post("/build/project/hello/nope").then().statusCode(404).body(equalTo("unknown build hello/nope\n"));
    }

    @Test
    void cancelPublishesTheCommandAndAnswersAsSparkyDid() {
        given().post("/cancel/project/hello/KEY2").then().statusCode(200).body(equalTo("KEY2.terminate"));
        assertEquals("KEY2", publisher.cancels.get(0).jobId());
        assertEquals("hello", publisher.cancels.get(0).project());
    }

    @Test
    void statusAnswersSparkyCodes() {
        dispatcher.add(FakeDispatcher.build(1, "hello", "ok", BuildState.SUCCEEDED, "", Map.of()));
        dispatcher.add(FakeDispatcher.build(2, "hello", "q", BuildState.QUEUED, "", Map.of()));
        dispatcher.add(FakeDispatcher.build(3, "hello", "run", BuildState.RUNNING, "", Map.of()));
        dispatcher.add(FakeDispatcher.build(4, "hello", "bad", BuildState.FAILED, "", Map.of()));
        dispatcher.add(FakeDispatcher.build(5, "hello", "stop", BuildState.CANCELLED, "", Map.of()));
        given().get("/status/hello/ok").then().statusCode(200).body(equalTo("1"));
        given().get("/status/hello/q").then().statusCode(200).body(equalTo("-2"));
        given().get("/status/hello/run").then().statusCode(200).body(equalTo("0"));
        given().get("/status/hello/bad").then().statusCode(200).body(equalTo("-1"));
        given().get("/status/hello/stop").then().statusCode(200).body(equalTo("-11"));
        given().get("/status/hello/unknown").then().statusCode(404).body(equalTo("unknown build hello/unknown\n"));
    }

    @Test
    void aJustAcceptedBuildIsQueuedBeforeTheDispatcherKnowsIt() {
        String id = given().post("/build/project/hello")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        given().get("/status/hello/" + id).then().statusCode(200).body(equalTo("-2"));
        given().get("/report/raw/hello/" + id)
                .then()
                .statusCode(200)
                .body(equalTo("build is queued, wait till it gets run"));
    }

    @Test
    void reportRawAnswersTheWholeLogOrSaysItIsQueued() {
        dispatcher.add(FakeDispatcher.build(1, "hello", "done", BuildState.SUCCEEDED, "", Map.of()));
        dispatcher.log(1, "line 1\n<script>alert(1)</script>\n");
        dispatcher.add(FakeDispatcher.build(2, "hello", "wait", BuildState.QUEUED, "", Map.of()));
        given().get("/report/raw/hello/done")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(equalTo("line 1\n<script>alert(1)</script>\n"));
        given().get("/report/raw/hello/wait")
                .then()
                .statusCode(200)
                .body(equalTo("build is queued, wait till it gets run"));
        given().get("/report/raw/hello/nope").then().statusCode(404).body(equalTo("unknown build hello/nope\n"));
    }

    @Test
    void badgeIsAnSvgDrawnHere() {
        dispatcher.add(FakeDispatcher.build(1, "hello", "done", BuildState.SUCCEEDED, "", Map.of()));
        given().redirects()
                .follow(false)
                .get("/badge/hello")
                .then()
                .statusCode(200)
                .contentType(startsWith("image/svg+xml"))
                .body(containsString("succeeded"))
                .body(containsString("<svg"));
        given().get("/badge/nope").then().statusCode(404);
    }

    /** A raw "/../" never reaches a resource: the HTTP server normalises dot segments away first. */
    @ParameterizedTest
    @ValueSource(strings = {"..%2Fx", "a%2Fb", "..x", ".hidden", "-x", "a%20b", "%2e%2e%2Fetc", "a%00b"})
    void badProjectNamesAre400BeforeAnythingElse(String name) {
        given().urlEncodingEnabled(false)
                .post("/build/project/" + name)
                .then()
                .statusCode(400)
                .body(containsString("invalid project name"));
        given().urlEncodingEnabled(false).get("/status/" + name + "/key").then().statusCode(400);
        given().urlEncodingEnabled(false)
                .get("/report/raw/" + name + "/key")
                .then()
                .statusCode(400);
        given().urlEncodingEnabled(false)
                .post("/cancel/project/" + name + "/key")
                .then()
                .statusCode(400);
        given().urlEncodingEnabled(false).get("/badge/" + name).then().statusCode(400);
        assertTrue(publisher.requests.isEmpty() && publisher.cancels.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2Fx", "a%2Fb", "..x", "x..y"})
    void badJobIdsAre400(String key) {
        given().urlEncodingEnabled(false)
                .get("/status/hello/" + key)
                .then()
                .statusCode(400)
                .body(containsString("invalid job id"));
        given().urlEncodingEnabled(false)
                .post("/cancel/project/hello/" + key)
                .then()
                .statusCode(400);
        given().urlEncodingEnabled(false)
                .post("/build/project/hello/" + key)
                .then()
                .statusCode(400);
    }

    @Test
    void unknownBrokenAndDisabledProjectsAreRefusedWithTheReason() {
        given().post("/build/project/nope")
                .then()
                .statusCode(404)
                .body(equalTo("project 'nope' not found: no folder projects/nope\n"));
        given().post("/build/project/broken")
                .then()
                .statusCode(409)
                .body(containsString("projects/broken/sparky.yaml:2: timeout:"));
        given().post("/build/project/off")
                .then()
                .statusCode(409)
                .body(equalTo("project off is disabled (sparky.yaml: disabled: true)\n"));
        assertTrue(publisher.requests.isEmpty());
    }

    @Test
    void kafkaNotAcknowledgingIs503AndNoJobId() {
        publisher.failing = true;
        given().post("/build/project/hello")
                .then()
                .statusCode(503)
                .body(containsString("nothing was queued"), not(matchesPattern("[A-Za-z]{20}")));
        given().post("/cancel/project/hello/k").then().statusCode(503);
    }

    @Test
    void dispatcherDownIs503() {
        dispatcher.down = true;
        given().get("/status/hello/k").then().statusCode(503).body(startsWith("dispatcher unavailable"));
        given().get("/report/raw/hello/k").then().statusCode(503);
    }
}
