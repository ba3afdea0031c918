package dev.sparky.ui.jobapi;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakeJobClient;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.FreshFakes;
import dev.sparky.ui.TestProjects;
import dev.sparky.ui.dispatcher.JobCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job API (docs/job-api.md) with the dispatcher in memory: tokens, child builds, waiting, stash, artifacts. */
@QuarkusTest
class JobApiTest {
    static final String PROBLEM = "application/problem+json";
    static final String TOKEN = "tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF";

    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @Inject
    FakeJobClient jobs;

    @BeforeEach
    void setUp() {
        FreshFakes.reset(dispatcher, publisher, jobs);
        dispatcher.add(FakeDispatcher.build(5, "hello", "parent", BuildState.RUNNING, "parent", Map.of()));
        jobs.tokens.put(TOKEN, new JobCaller(5, "hello", "parent", 1));
    }

    static RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void missingOrInvalidTokenIs401ProblemJson() {
        given().get("/api/v1/job/stash")
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("detail", startsWith("missing job API token"));
        given().header("Authorization", "Bearer not-a-known-token-at-all")
                .get("/api/v1/job/stash")
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .body("detail", startsWith("invalid or expired job API token"));
        given().header("Authorization", "Bearer <script>")
                .get("/api/v1/job/stash")
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .body("{\"project\":\"hello\"}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        assertTrue(publisher.requests.isEmpty());
        // Sparky's own header works too.
        given().header("token", TOKEN).get("/api/v1/job/stash").then().statusCode(200);
    }

    @Test
    void namesAreCheckedBeforeTheToken() {
        given().urlEncodingEnabled(false)
                .get("/api/v1/job/builds/..%2Fx/j")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("invalid project name"));
        given().put("/api/v1/job/artifacts/a..b")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("invalid artifact name 'a..b'"));
        authed().body(new byte[] {1})
                .put("/api/v1/job/artifacts/.hidden")
                .then()
                .statusCode(400);
        assertEquals(0, jobs.verifications.get());
    }

    @Test
    void aChildMayNotTakeTheJobIdOfACronScmOrDownstreamBuild() {
        authed().contentType(ContentType.JSON)
                .body("{\"project\":\"hello\",\"jobId\":\"scm-0123456789ab\"}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("reserved for Sparky's own builds"))
                .body("detail", containsString("extend its own job id: parent-..."));
        assertTrue(publisher.requests.isEmpty());
        // The children of a cron build extend its job id, as the fanout example does with $SPARKY_JOB_ID-child-N.
        jobs.tokens.put(TOKEN + "c", new JobCaller(7, "hello", "cron-202401010000", 1));
        given().header("Authorization", "Bearer " + TOKEN + "c")
                .contentType(ContentType.JSON)
                .body("{\"project\":\"hello\",\"jobId\":\"cron-202401010000-child-1\"}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(202)
                .body("jobId", equalTo("cron-202401010000-child-1"));
    }

    @Test
    void aChildBuildIsQueuedWithItsParent() {
        authed().contentType(ContentType.JSON)
                .body("{\"project\":\"hello\",\"params\":{\"N\":\"2\"},\"jobId\":\"parent-child-2\"}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(202)
                .body("jobId", equalTo("parent-child-2"))
                .body("project", equalTo("hello"))
                .header("Location", containsString("/api/v1/projects/hello/jobs/parent-child-2"));
        var r = publisher.last();
        assertEquals(5L, r.parentBuildId());
        assertEquals("job-api", r.source());
        assertEquals("hello@5", r.requestedBy());
        assertEquals(Map.of("N", "2"), r.params());
        authed().contentType(ContentType.JSON)
                .body("{\"params\":{}}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(400)
                .body("detail", startsWith("project is required"));
    }

    @Test
    void anotherProjectIsStartedOrReadOnlyWhenSparkyYamlNamesIt() {
        authed().contentType(ContentType.JSON)
                .body("{\"project\":\"off\",\"jobId\":\"x-1\"}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body(
                        "detail",
                        equalTo("a build of project hello may not start builds of project off through the "
                                + "job API: name it in hello's sparky.yaml as job_api: {projects: [off]}"));
        dispatcher.add(FakeDispatcher.build(8, "other", "o-1", BuildState.SUCCEEDED, "o", Map.of()));
        for (String path : new String[] {"", "/log", "/stash", "/artifacts/a.txt"}) {
            authed().get("/api/v1/job/builds/other/o-1" + path)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM)
                    .body("detail", startsWith("a build of project hello may not read build other/o-1"));
        }
        assertTrue(publisher.requests.isEmpty());

        TestProjects.write("fan", "job_api:\n  projects: [off, other]\n");
        String fan = "fan-token-" + System.nanoTime();
        jobs.tokens.put(fan, new JobCaller(9, "fan", "f-1", 1));
        given().header("Authorization", "Bearer " + fan)
                .contentType(ContentType.JSON)
                .body("{\"project\":\"off\"}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(409);
        given().header("Authorization", "Bearer " + fan)
                .get("/api/v1/job/builds/other/o-1")
                .then()
                .statusCode(200);
    }

    @Test
    void aChildBuildWithAReservedParameterIs400() {
        int before = publisher.requests.size();
        authed().contentType(ContentType.JSON)
                .body("{\"project\":\"hello\",\"params\":{\"GIT_SSH_COMMAND\":\"touch /tmp/pwned\"}}")
                .post("/api/v1/job/builds")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("parameter 'GIT_SSH_COMMAND' refused: names git, ssh"));
        assertEquals(before, publisher.requests.size());
    }

    @Test
    void aValidTokenIsCachedBriefly() {
        String fresh = "fresh-token-" + System.nanoTime(); // other tests' tokens may still be cached
        jobs.tokens.put(fresh, new JobCaller(5, "hello", "parent", 1));
        given().header("Authorization", "Bearer " + fresh)
                .get("/api/v1/job/stash")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + fresh)
                .get("/api/v1/job/stash")
                .then()
                .statusCode(200);
        assertEquals(1, jobs.verifications.get());
    }

    @Test
    void dispatcherDownIs503() {
        jobs.down = true;
        authed().get("/api/v1/job/stash")
                .then()
                .statusCode(503)
                .contentType(PROBLEM)
                .body("detail", startsWith("dispatcher unavailable"));
    }

    @Test
    void waitAnswersWhenTheBuildEnds() throws Exception {
        dispatcher.add(FakeDispatcher.build(6, "hello", "child", BuildState.RUNNING, "c", Map.of()));
        var answer = CompletableFuture.supplyAsync(() -> authed().get("/api/v1/job/builds/hello/child?wait=20"));
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> !answer.isDone());
        dispatcher.add(FakeDispatcher.build(6, "hello", "child", BuildState.SUCCEEDED, "c", Map.of()));
        var r = answer.get();
        // No X-Sparky-Wait header: answered when the build ended, not at the deadline.
        r.then().statusCode(200).body("state", equalTo("succeeded")).header("X-Sparky-Wait", nullValue());
    }

    @Test
    void waitRunsOutWithTheHeader() {
        dispatcher.add(FakeDispatcher.build(6, "hello", "child", BuildState.RUNNING, "c", Map.of()));
        long start = System.nanoTime();
        authed().get("/api/v1/job/builds/hello/child?wait=1")
                .then()
                .statusCode(200)
                .header("X-Sparky-Wait", "timeout")
                .body("state", equalTo("running"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 900, "waited for the deadline");
        authed().get("/api/v1/job/builds/hello/child").then().statusCode(200).header("X-Sparky-Wait", "timeout");
        authed().get("/api/v1/job/builds/hello/child?wait=301")
                .then()
                .statusCode(400)
                .body("detail", startsWith("wait must be a whole number of seconds from 0 to 300"));
    }

    @Test
    void aPredefinedJobIdIsWaitedForAndUnknownIs404After() throws Exception {
        var answer = CompletableFuture.supplyAsync(() -> authed().get("/api/v1/job/builds/hello/later?wait=20"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !answer.isDone());
        dispatcher.add(FakeDispatcher.build(7, "hello", "later", BuildState.QUEUED, "c", Map.of()));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !answer.isDone());
        dispatcher.add(FakeDispatcher.build(7, "hello", "later", BuildState.FAILED, "c", Map.of()));
        answer.get().then().statusCode(200).body("state", equalTo("failed")).body("id", equalTo(7));
        authed().get("/api/v1/job/builds/hello/never?wait=1")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("detail", equalTo("unknown build hello/never (waited 1 s)"));
    }

    @Test
    void logOfAnotherBuild() {
        dispatcher.add(FakeDispatcher.build(6, "hello", "child", BuildState.SUCCEEDED, "c", Map.of()));
        dispatcher.log(6, "line 1\nline 2\n");
        authed().get("/api/v1/job/builds/hello/child/log")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(equalTo("line 1\nline 2\n"));
        authed().get("/api/v1/job/builds/hello/nope/log").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void stashRoundTrip() {
        dispatcher.add(FakeDispatcher.build(6, "hello", "child", BuildState.SUCCEEDED, "c", Map.of()));
        authed().get("/api/v1/job/stash").then().statusCode(200).body(equalTo("{}"));
        authed().contentType(ContentType.JSON)
                .body("{\"n\":3,\"square\":9}")
                .put("/api/v1/job/stash")
                .then()
                .statusCode(204);
        authed().get("/api/v1/job/stash")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("square", equalTo(9));
        // Read by another build's token, and publicly by build id.
        jobs.tokens.put(TOKEN + "x", new JobCaller(6, "hello", "child", 1));
        given().header("Authorization", "Bearer " + TOKEN + "x")
                .get("/api/v1/job/builds/hello/parent/stash")
                .then()
                .statusCode(200)
                .body("n", equalTo(3));
        given().get("/api/v1/builds/5/stash").then().statusCode(200).body("square", equalTo(9));
        authed().get("/api/v1/job/builds/hello/child/stash")
                .then()
                .statusCode(200)
                .body(equalTo("{}"));
        given().get("/api/v1/builds/99/stash").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void stashMustBeJsonWithinTheLimit() {
        authed().contentType(ContentType.JSON)
                .body("{\"n\":")
                .put("/api/v1/job/stash")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("stash: the body is not valid JSON"));
        authed().contentType(ContentType.JSON)
                .body("{} {}")
                .put("/api/v1/job/stash")
                .then()
                .statusCode(400);
        byte[] big = ("\"" + "x".repeat(1024 * 1024) + "\"").getBytes();
        authed().contentType(ContentType.JSON)
                .body(big)
                .put("/api/v1/job/stash")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
        assertNull(jobs.stashes.get(5L));
    }

    @Test
    void artifactRoundTripKeepsEveryByte() throws Exception {
        byte[] bytes = new byte[40_000];
        new Random(7).nextBytes(bytes);
        authed().contentType("application/octet-stream")
                .body(bytes)
                .put("/api/v1/job/artifacts/report.bin")
                .then()
                .statusCode(201)
                .body("name", equalTo("report.bin"))
                .body("size", equalTo(40_000))
                .body("sha256", equalTo(FakeJobClient.sha256(bytes)))
                .header("Location", containsString("/api/v1/builds/5/artifacts/report.bin"));
        byte[] viaJob = authed().get("/api/v1/job/builds/hello/parent/artifacts/report.bin")
                .then()
                .statusCode(200)
                .contentType("application/octet-stream")
                .extract()
                .asByteArray();
        assertArrayEquals(bytes, viaJob);
        byte[] publicly = given().get("/api/v1/builds/5/artifacts/report.bin")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString("report.bin"))
                .header("X-Content-Type-Options", "nosniff")
                .extract()
                .asByteArray();
        assertArrayEquals(bytes, publicly);
        given().get("/api/v1/builds/5/artifacts")
                .then()
                .statusCode(200)
                .body("[0].name", equalTo("report.bin"))
                .body("[0].size", equalTo(40_000));
        given().get("/api/v1/builds/5/artifacts/other.txt")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        given().get("/api/v1/builds/99/artifacts").then().statusCode(404).contentType(PROBLEM);
        // curl --data-binary sends a form content type: still stored as bytes.
        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + io.restassured.RestAssured.port + "/api/v1/job/artifacts/form.txt"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("a=b&c"))
                .build();
        var answer =
                java.net.http.HttpClient.newHttpClient().send(put, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        assertArrayEquals("a=b&c".getBytes(), jobs.artifacts.get(5L).get("form.txt"));
    }

    @Test
    void artifactsOverTheLimitAre413() {
        byte[] big = new byte[64 * 1024 + 1]; // %test limit: 64K
        authed().contentType("application/octet-stream")
                .body(big)
                .put("/api/v1/job/artifacts/big.bin")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("detail", containsString("artifact big.bin is larger"));
        // Without a Content-Length (chunked) the count stops it as it streams.
        authed().contentType("application/octet-stream")
                .body(new ByteArrayInputStream(new byte[200_000]))
                .put("/api/v1/job/artifacts/big.bin")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
        assertTrue(jobs.artifacts.getOrDefault(5L, Map.of()).isEmpty());
    }
}
