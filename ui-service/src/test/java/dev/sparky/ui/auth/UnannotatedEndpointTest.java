package dev.sparky.ui.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/**
 * A JAX-RS endpoint that names no access rule is closed, even with auth off (this test's profile: everything
 * else is open to anyone who reaches the port): quarkus.security.jaxrs.deny-unannotated-endpoints.
 */
@QuarkusTest
class UnannotatedEndpointTest {

    /** What someone might add and forget to secure (test code only). */
    @Path("/api/v1/test-only/unannotated")
    public static class Unannotated {
        @GET
        public String secret() {
            return "open";
        }
    }

    @Test
    void anEndpointWithoutAnnotationAnswersNobody() {
        given().get("/api/v1/test-only/unannotated")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("no access rule"));
    }

    @Test
    void annotatedEndpointsStayOpenWithAuthOff() {
        given().get("/api/v1/projects").then().statusCode(200);
    }
}
