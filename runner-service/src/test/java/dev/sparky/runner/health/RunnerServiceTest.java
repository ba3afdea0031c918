package dev.sparky.runner.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service starts and answers with no Kafka broker anywhere. */
@QuarkusTest
class RunnerServiceTest {

    @Test
    void isAliveWithoutABroker() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isNotReadyWithoutABrokerAndSaysWhy() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(containsString("unreachable"));
    }

    @Test
    void everythingButProbesAndMetricsNeedsTheServiceToken() {
        given().when().get("/").then().statusCode(401)
                .body(containsString("send the shared service token as 'Authorization: Bearer <token>'"));
        given().when().get("/q/info").then().statusCode(401);
        given().header("Authorization", "Bearer not-the-runners-token-not-the-runners-token").when().get("/q/dev")
                .then().statusCode(401).body(containsString("is not this service's sparky.service.token"));
    }

    @Test
    void exposesRunnerMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("sparky_runner_busy"))
                .body(containsString("sparky_runner_log_bytes_total"));
    }
}
