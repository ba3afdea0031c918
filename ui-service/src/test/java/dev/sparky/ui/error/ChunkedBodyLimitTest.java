package dev.sparky.ui.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakeJobClient;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.FreshFakes;
import dev.sparky.ui.dispatcher.JobCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body sent chunked declares no Content-Length, so the filter cannot refuse it up front: its bytes are
 * counted as they are read and the request is refused with 413 past the path's limit.
 */
@QuarkusTest
class ChunkedBodyLimitTest {
    static final String TOKEN = "tok_chunkedchunkedchunkedchunked0123456789";

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

    /** A JSON trigger whose description is {@code size} bytes long, as a stream: RestAssured sends it chunked. */
    private static InputStream trigger(int size) {
        String json = "{\"project\":\"hello\",\"description\":\"" + "x".repeat(size) + "\"}";
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** java.net.http sends a stream of unknown length with Transfer-Encoding: chunked, never a Content-Length. */
    private static java.net.http.HttpResponse<String> postChunked(String path, int descriptionSize) throws Exception {
        return postChunked(path, descriptionSize, "application/json");
    }

    private static java.net.http.HttpResponse<String> postChunked(String path, int descriptionSize, String type)
            throws Exception {
        var post = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", type)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> trigger(descriptionSize)))
                .build();
        return java.net.http.HttpClient.newHttpClient().send(post, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChunkedJsonBodyPastTheLimitIs413() throws Exception {
        var answer = postChunked("/api/v1/job/builds", (int) BodyLimitFilter.OTHER_BODIES * 2);
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(
                answer.body()
                        .contains("\"detail\":\"the request body is larger than 10485760 bytes; only artifact "
                                + "uploads may be larger\""),
                answer.body());
        assertTrue(publisher.requests.isEmpty(), "nothing was queued");
    }

    @Test
    void aChunkedBodyOnASmallPathIsHeldToItsSmallLimit() throws Exception {
        var answer = postChunked("/logout", (int) BodyLimitFilter.SMALL_BODIES, "application/x-www-form-urlencoded");
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("413 · request entity too large"), answer.body());
    }

    @Test
    void aRefusedCallerIsAnsweredBeforeItsBodyIsRead() throws Exception {
        // Quarkus Security decides before the body is read: with auth off, token management is 409 at once.
        var answer = postChunked("/api/v1/tokens", (int) BodyLimitFilter.SMALL_BODIES);
        assertEquals(409, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("API tokens need sparky.auth.mode=on"), answer.body());
    }

    @Test
    void aSmallChunkedBodyIsReadAsUsual() throws Exception {
        given().header("Authorization", "Bearer " + TOKEN)
                .contentType("application/json")
                .body(new ByteArrayInputStream("{\"project\":\"hello\",\"jobId\":\"chunked-1\"}".getBytes()))
                .post("/api/v1/job/builds")
                .then()
                .statusCode(202)
                .body("jobId", equalTo("chunked-1"));
        assertEquals(202, postChunked("/api/v1/job/builds", 100).statusCode());
    }
}
