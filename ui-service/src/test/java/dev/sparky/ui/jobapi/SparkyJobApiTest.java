package dev.sparky.ui.jobapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.SentScenario;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakeJobClient;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.FreshFakes;
import dev.sparky.ui.dispatcher.JobCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sparky::JobApi's routes (docs/job-api.md, "Sparky::JobApi") with the dispatcher in memory. */
@QuarkusTest
class SparkyJobApiTest {
    static final String TOKEN = JobApiTest.TOKEN;

    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @Inject
    FakeJobClient jobs;

    @BeforeEach
    void setUp() {
        FreshFakes.reset(dispatcher, publisher, jobs);
        jobs.jobStashes.clear();
        dispatcher.add(FakeDispatcher.build(5, "hello", "parent", BuildState.RUNNING, "parent", Map.of()));
        jobs.tokens.put(TOKEN, new JobCaller(5, "hello", "parent", 1));
    }

    static RequestSpecification sparky() {
        return given().header("token", TOKEN);
    }

    private static String queueBody(String project, String jobId) {
        return "{\"config\":{\"project\":\"" + project + "\",\"job-id\":\"" + jobId + "\",\"description\":\"spawned\","
                + "\"tags\":{\"stage\":\"child\",\"foo\":1},\"sparrowdo\":{\"no_index_update\":true},"
                + "\"parent-project\":\"hello\",\"parent-job-id\":\"parent\"},\"trigger\":{},"
                + "\"sparrowfile\":\"say 'child';\\n\",\"sparrowdo-config\":{}}";
    }

    @Test
    void theTriggerIsAnEmptyRakuHashForTheBuildsOwnToken() {
        sparky().get("/trigger/hello/parent").then().statusCode(200).body(equalTo("{}"));
        // plain text, as Sparky answers: the client prints it in the build's log
        given().get("/trigger/hello/parent")
                .then()
                .statusCode(401)
                .contentType(startsWith("text/plain"))
                .body(startsWith("missing job API token"));
        given().header("token", "forgedforgedforgedforged")
                .get("/trigger/hello/parent")
                .then()
                .statusCode(401)
                .body(startsWith("invalid or expired job API token"));
    }

    @Test
    void queueSendsTheScenarioWithTheChildsRequest() {
        sparky().contentType(ContentType.JSON)
                .body(queueBody("hello.spawned_02", "abcdef.77"))
                .post("/queue")
                .then()
                .statusCode(200)
                .body("project", equalTo("hello.spawned_02"))
                .body("job-id", equalTo("abcdef.77"));
        var r = publisher.last();
        assertEquals(SentScenario.SOURCE, r.source());
        assertEquals(5L, r.parentBuildId());
        assertEquals("hello@5", r.requestedBy());
        assertEquals("spawned", r.description());
        assertEquals(Map.of("stage", "child", "foo", "1"), r.params());
        assertEquals("say 'child';\n", r.scenario().sparrowfile());
        assertEquals(Map.of("no_index_update", "true"), r.scenario().sparrowdo());
    }

    @Test
    void queueOutsideTheTokensProjectsIs403AndQueuesNothing() {
        sparky().contentType(ContentType.JSON)
                .body(queueBody("elsewhere", "abcdef.78"))
                .post("/queue")
                .then()
                .statusCode(403)
                .contentType(startsWith("text/plain"))
                .body(containsString("may not start builds of project elsewhere"));
        given().contentType(ContentType.JSON)
                .body(queueBody("hello.spawned_01", "abcdef.79"))
                .post("/queue")
                .then()
                .statusCode(401);
        assertTrue(publisher.requests.isEmpty());
    }

    @Test
    void aStashWrittenBeforeTheChildIsQueuedIsReadBack() {
        sparky().contentType(ContentType.JSON)
                .body(
                        "{\"config\":{\"project\":\"hello.spawned_01\",\"job-id\":\"kid\"},\"data\":{\"hello\":\"world\"}}")
                .post("/stash")
                .then()
                .statusCode(200);
        assertEquals(
                "{\"hello\":\"world\"}",
                new String(jobs.jobStashes.get("hello.spawned_01/kid"), StandardCharsets.UTF_8));
        sparky().get("/stash/hello.spawned_01/kid").then().statusCode(200).body("hello", equalTo("world"));
        sparky().contentType(ContentType.JSON)
                .body("{\"config\":{\"project\":\"elsewhere\",\"job-id\":\"kid\"},\"data\":{}}")
                .post("/stash")
                .then()
                .statusCode(403);
    }

    @Test
    void theStashAndFilesOfAnotherBuildAreNotTheTokensToWrite() {
        dispatcher.add(FakeDispatcher.build(9, "hello", "sibling", BuildState.RUNNING, "", Map.of()));
        sparky().contentType(ContentType.JSON)
                .body("{\"config\":{\"project\":\"hello\",\"job-id\":\"sibling\"},\"data\":{}}")
                .post("/stash")
                .then()
                .statusCode(403)
                .body(containsString("may not write to build hello/sibling"));
        sparky().body("x")
                .put("/file/project/hello/job/sibling/filename/f")
                .then()
                .statusCode(403);
        sparky().contentType(ContentType.JSON)
                .body("{\"config\":{\"project\":\"hello\",\"job-id\":\"parent\"},\"data\":{\"mine\":1}}")
                .post("/stash")
                .then()
                .statusCode(200);
        assertEquals("{\"mine\":1}", new String(jobs.stashes.get(5L), StandardCharsets.UTF_8));
    }

    @Test
    void aFileGoesUpAndComesBack() {
        sparky().contentType("application/octet-stream")
                .body("file one\n".getBytes(StandardCharsets.UTF_8))
                .put("/file/project/hello/job/parent/filename/file1")
                .then()
                .statusCode(200)
                .body("size", equalTo(9));
        sparky().get("/file/hello/parent/file1").then().statusCode(200).body(equalTo("file one\n"));
        given().get("/file/hello/parent/file1").then().statusCode(401);
    }
}
