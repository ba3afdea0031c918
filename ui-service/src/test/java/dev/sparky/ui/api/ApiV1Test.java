package dev.sparky.ui.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON API /api/v1: answers, and problem+json for every error. */
@QuarkusTest
class ApiV1Test {
    static final String PROBLEM = "application/problem+json";

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
    void projectsListShowsIssuesAndLastBuild() {
        dispatcher.add(FakeDispatcher.build(3, "hello", "j", BuildState.SUCCEEDED, "d", Map.of()));
        given().get("/api/v1/projects")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("name", hasItems("broken", "hello", "off"))
                .body("find { it.name == 'hello' }.lastBuild.id", equalTo(3))
                .body("find { it.name == 'hello' }.allowManualRun", equalTo(true))
                .body("find { it.name == 'broken' }.buildable", equalTo(false))
                .body("find { it.name == 'broken' }.issues[0].severity", equalTo("error"))
                .body("find { it.name == 'broken' }.issues[0].file", equalTo("projects/broken/sparky.yaml"))
                .body("find { it.name == 'broken' }.issues[0].line", equalTo(2))
                .body("find { it.name == 'off' }.disabled", equalTo(true));
    }

    @Test
    void oneProjectHasItsFormAndYaml() {
        given().get("/api/v1/projects/hello")
                .then()
                .statusCode(200)
                .body("name", equalTo("hello"))
                .body("vars.name", hasItems("NAME", "color", "secret", "verbose"))
                .body("groupVars", hasItems("main", "extra"))
                .body("yaml", containsString("allow_manual_run: true"));
        given().get("/api/v1/projects/nope")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("title", equalTo("not found"))
                .body("detail", equalTo("project 'nope' not found: no folder projects/nope"));
        given().urlEncodingEnabled(false)
                .get("/api/v1/projects/..%2Fx")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("invalid project name '../x'"));
    }

    @Test
    void triggerAnswers202WithTheJobId() {
        var accepted = given().contentType(ContentType.JSON)
                .body("{\"params\":{\"NAME\":\"you\"},\"description\":\"d\",\"jobId\":\"my-id.1\"}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/projects/hello/jobs/my-id.1"))
                .body("jobId", equalTo("my-id.1"))
                .body("project", equalTo("hello"))
                .extract()
                .path("statusUrl");
        assertEquals("/status/hello/my-id.1", accepted);
        assertEquals(Map.of("NAME", "you"), publisher.last().params());
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(202)
                .body("jobId", org.hamcrest.Matchers.matchesPattern("[A-Za-z]{20}"));
    }

    @Test
    void triggerErrorsAreProblems() {
        given().contentType(ContentType.JSON)
                .body("{\"jobId\":\"../x\"}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("invalid job id"));
        given().contentType(ContentType.JSON)
                .body("{\"jobId\":\"cron-202401010000\"}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("reserved for Sparky's own builds (cron-, scm-, after-)"));
        given().contentType(ContentType.JSON)
                .body("{\"params\":{\"bad-name\":\"1\"}}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("bad-name"));
        given().contentType(ContentType.JSON)
                .body("{\"params\":{\"LD_PRELOAD\":\"/tmp/x.so\"}}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("parameter 'LD_PRELOAD' refused: names the dynamic linker"));
        given().contentType(ContentType.JSON)
                .body("{\"params\":{\"BASH_ENV\":\"$(id >&2)\"}}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("parameter 'BASH_ENV' refused: names the shell reads at start-up"));
        given().contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/projects/broken/builds")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("projects/broken/sparky.yaml:2:"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/projects/off/builds")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", equalTo("project off is disabled (sparky.yaml: disabled: true)"));
        publisher.failing = true;
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(503)
                .contentType(PROBLEM)
                .body("status", equalTo(503))
                .body("detail", containsString("Kafka did not acknowledge"));
    }

    @Test
    void buildsListFiltersAndPages() {
        for (long i = 1; i <= 5; i++) {
            dispatcher.add(FakeDispatcher.build(
                    i,
                    i % 2 == 0 ? "hello" : "other",
                    "j" + i,
                    i == 5 ? BuildState.RUNNING : BuildState.SUCCEEDED,
                    "",
                    Map.of()));
        }
        given().get("/api/v1/builds?limit=2")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(java.util.List.of(5, 4)))
                .body("next", equalTo(4));
        given().get("/api/v1/builds?before=4&limit=2")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(java.util.List.of(3, 2)));
        given().get("/api/v1/builds?project=hello")
                .then()
                .body("items.id", equalTo(java.util.List.of(4, 2)))
                .body("next", nullValue());
        given().get("/api/v1/builds?state=running").then().body("items", hasSize(1));
        given().get("/api/v1/projects/hello/builds?limit=1").then().body("items.id", equalTo(java.util.List.of(4)));
        given().get("/api/v1/builds?state=sleeping")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("state must be one of"));
        given().get("/api/v1/builds?limit=0").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void oneBuildByIdOrByJob() {
        dispatcher.add(FakeDispatcher.build(9, "hello", "abc", BuildState.FAILED, "d", Map.of("A", "1")));
        given().get("/api/v1/builds/9")
                .then()
                .statusCode(200)
                .body("jobId", equalTo("abc"))
                .body("state", equalTo("failed"))
                .body("sparkyCode", equalTo(-1))
                .body("attempts", hasSize(1));
        given().get("/api/v1/projects/hello/jobs/abc").then().statusCode(200).body("id", equalTo(9));
        given().get("/api/v1/builds/10")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("detail", equalTo("build 10 not found"));
        given().get("/api/v1/projects/hello/jobs/zzz").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void logFromAnOffsetWithHeaders() {
        dispatcher.add(FakeDispatcher.build(9, "hello", "abc", BuildState.RUNNING, "d", Map.of()));
        dispatcher.log(9, "hello world\n");
        given().get("/api/v1/builds/9/log?offset=6")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .header("X-Log-Size", "12")
                .header("X-Build-State", "running")
                .body(equalTo("world\n"));
        given().get("/api/v1/builds/9/log?offset=-1").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/v1/builds/9/log?attempt=x").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/v1/builds/99/log").then().statusCode(404).contentType(PROBLEM);
        dispatcher.syslogs.put(9L, "10:00:00 queued\n");
        given().get("/api/v1/builds/9/syslog").then().statusCode(200).body(equalTo("10:00:00 queued\n"));
    }

    @Test
    void liveLogStreamSendsJsonTextThenEnd() {
        dispatcher.add(FakeDispatcher.build(9, "hello", "abc", BuildState.SUCCEEDED, "d", Map.of()));
        dispatcher.log(9, "line 1\n<b>two</b> é\n");
        String body = given().get("/api/v1/builds/9/log/stream")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract()
                .asString();
        assertTrue(body.contains("event:log"), body);
        assertTrue(body.contains("data:\"line 1\\n<b>two</b> é\\n\""), body);
        assertTrue(body.contains("event:end"), body);
        assertTrue(body.contains("data:\"succeeded\""), body);
        given().get("/api/v1/builds/77/log/stream").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void cancelAndRebuildByBuildId() {
        dispatcher.add(FakeDispatcher.build(9, "hello", "abc", BuildState.RUNNING, "d", Map.of("A", "1")));
        dispatcher.add(FakeDispatcher.build(8, "hello", "old", BuildState.SUCCEEDED, "d", Map.of("B", "2")));
        given().post("/api/v1/builds/9/cancel").then().statusCode(202).body("jobId", equalTo("abc"));
        assertEquals("abc", publisher.cancels.get(0).jobId());
        given().post("/api/v1/builds/8/cancel")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("already finished"));
        given().post("/api/v1/builds/8/rebuild")
                .then()
                .statusCode(202)
                .body("jobId", org.hamcrest.Matchers.matchesPattern("old\\.[A-Za-z]{6}"));
        assertEquals(Map.of("B", "2"), publisher.last().params());
        given().post("/api/v1/builds/100/rebuild").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void queueRunnersOverview() {
        dispatcher.add(FakeDispatcher.build(9, "hello", "abc", BuildState.QUEUED, "d", Map.of()));
        given().get("/api/v1/queue").then().statusCode(200).body("[0].reason", equalTo("waiting for a free runner"));
        given().get("/api/v1/runners").then().statusCode(200).body("[0].runnerId", equalTo("runner-1"));
        given().get("/api/v1/overview").then().statusCode(200).body("queued", equalTo(1));
    }

    @Test
    void dispatcherDownIs503Problem() {
        dispatcher.down = true;
        given().get("/api/v1/builds")
                .then()
                .statusCode(503)
                .contentType(PROBLEM)
                .body("detail", startsWith("dispatcher unavailable"));
        given().get("/api/v1/projects").then().statusCode(503).contentType(PROBLEM);
    }

    @Test
    void unknownApiPathsAreProblems() {
        given().get("/api/v1/nothing/here")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
        given().get("/api/v2").then().statusCode(404).contentType(PROBLEM);
        given().delete("/api/v1/projects").then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void openApiHealthAndMetricsAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/projects/{p}/builds"));
        given().get("/q/health/live").then().statusCode(200);
        // No broker in component tests: ready says DOWN and why; the fake dispatcher answers.
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dispatcher' }.status", equalTo("UP"));
        given().post("/build/project/hello").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sparky_triggers_total{result=\"accepted\",source=\"api\"}"));
    }

    @Test
    void aLogReadIsOneMebibyteByDefaultAndEightAtMost() {
        dispatcher.add(FakeDispatcher.build(9, "hello", "abc", BuildState.SUCCEEDED, "d", Map.of()));
        dispatcher.log(9, "x".repeat(3 * 1024 * 1024));
        byte[] first = given().get("/api/v1/builds/9/log")
                .then()
                .statusCode(200)
                .header("X-Log-Size", "" + 3 * 1024 * 1024)
                .extract()
                .asByteArray();
        assertEquals(1024 * 1024, first.length, "the rest is read with ?offset=, X-Log-Size says how much there is");
        given().get("/api/v1/builds/9/log?limit=8388608").then().statusCode(200);
        given().get("/api/v1/builds/9/log?limit=8388609")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body(
                        "detail",
                        startsWith("limit must be between 1 and 8388608 bytes, got 8388609: read a bigger "
                                + "log in slices"));
        // /report/raw stays whole
        assertEquals(
                3 * 1024 * 1024,
                given().get("/report/raw/hello/abc")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray()
                        .length);
    }
}
