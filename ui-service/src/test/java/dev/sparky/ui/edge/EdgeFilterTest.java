package dev.sparky.ui.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edge rules in the running UI with login off, as 'bin/sparky up' runs it (bound to loopback). */
@QuarkusTest
class EdgeFilterTest {
    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        dispatcher.reset();
        publisher.reset();
    }

    private String ownOrigin() {
        return "http://" + root.getHost() + ":" + root.getPort();
    }

    @Test
    void aCrossSiteFormPostIsRefusedAndNothingIsQueued() {
        given().header("Origin", "http://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .contentType(ContentType.URLENC)
                .body("x=1")
                .post("/build/project/hello")
                .then()
                .statusCode(403)
                .contentType(containsString("text/plain"))
                .body(startsWith("cross-site request refused: "))
                .header("X-Frame-Options", "DENY");
        given().header("Origin", "http://evil.example")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/projects/hello/builds")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", startsWith("cross-site request refused"));
        given().header("Sec-Fetch-Site", "same-site")
                .post("/api/v1/builds/1/cancel")
                .then()
                .statusCode(403);
        assertTrue(publisher.requests.isEmpty());
        assertTrue(publisher.cancels.isEmpty());
    }

    @Test
    void ownPagesAndPlainClientsMayWrite() {
        given().header("Origin", ownOrigin())
                .header("Sec-Fetch-Site", "same-origin")
                .post("/build/project/hello")
                .then()
                .statusCode(200);
        given().post("/build/project/hello").then().statusCode(200);
        assertEquals(2, publisher.requests.size());
    }

    @Test
    void anotherHostNameIsRefusedReadsIncluded() {
        given().header("Host", "evil.example:" + root.getPort())
                .get("/api/v1/projects")
                .then()
                .statusCode(421)
                .contentType("application/problem+json")
                .body("detail", containsString("sparky.http.allowed-hosts (env SPARKY_ALLOWED_HOSTS"));
        given().header("Host", "evil.example")
                .post("/build/project/hello")
                .then()
                .statusCode(421)
                .body(containsString("does not answer to the host name 'evil.example'"));
        given().header("Host", "evil.example").get("/q/health/live").then().statusCode(200);
        given().header("Host", "127.0.0.1:" + root.getPort())
                .get("/api/v1/projects")
                .then()
                .statusCode(200);
        assertTrue(publisher.requests.isEmpty());
    }
}
