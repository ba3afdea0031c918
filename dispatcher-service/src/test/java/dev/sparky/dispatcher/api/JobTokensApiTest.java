package dev.sparky.dispatcher.api;

import static dev.sparky.dispatcher.api.ServiceCalls.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** POST /internal/v1/job-tokens/verify over state written by the real engine, no Kafka running. */
@QuarkusTest
@QuarkusTestResource(value = JobTokenStateResource.class, restrictToAnnotatedClass = true)
class JobTokensApiTest {

    private static String token(String which) {
        return ConfigProvider.getConfig().getValue("test.token." + which, String.class);
    }

    private static ValidatableResponse verify(String body) {
        return given().contentType("application/json")
                .body(body)
                .post("/internal/v1/job-tokens/verify")
                .then();
    }

    private static void refused(String body) {
        verify(body)
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", equalTo(JobTokensResource.INVALID));
    }

    @Test
    void tokenOfARunningAttemptNamesItsBuild() {
        verify("{\"token\":\"" + token("running") + "\"}")
                .statusCode(200)
                .contentType("application/json")
                .body("buildId", equalTo(1))
                .body("project", equalTo("alpha"))
                .body("jobId", equalTo("a1"))
                .body("attempt", equalTo(1));
    }

    @Test
    void tokenOfAHandedOutAttemptIsValidToo() {
        verify("{\"token\":\"" + token("handed-out") + "\"}")
                .statusCode(200)
                .body("buildId", equalTo(3))
                .body("jobId", equalTo("child-1"));
    }

    @Test
    void tokenOfAFinishedBuildIsRefused() {
        refused("{\"token\":\"" + token("finished") + "\"}");
    }

    @Test
    void garbageIsRefusedTheSameWay() {
        refused("{\"token\":\"garbage\"}");
        refused("{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}");
        refused("{\"token\":42}");
        refused("{}");
        refused("[]");
        refused("not json at all");
        refused("");
        refused("{\"token\":\"" + "x".repeat(5000) + "\"}");
    }

    @Test
    void aRefusedTokenIsNotEchoed() {
        String secret = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3";
        verify("{\"token\":" + secret + "}").statusCode(401).body(not(containsString(secret)));
        verify("{\"token\":\"" + secret + "\"}").statusCode(401).body(not(containsString(secret)));
    }

    @Test
    void jobApiChildShowsItsParent() {
        given().get("/internal/v1/builds/3")
                .then()
                .statusCode(200)
                .body("parentBuildId", equalTo(1))
                .body("source", equalTo("job-api"))
                .body("requestedBy", equalTo("alpha@1"));
    }
}
