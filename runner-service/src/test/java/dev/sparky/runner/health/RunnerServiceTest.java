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
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(containsString("unreachable"));
    }

    @Test
    void everythingButProbesAndMetricsIsRefusedWhateverTheCallerSends() {
        given().when()
                .get("/")
                .then()
                .statusCode(401)
                .body(containsString("this port answers only probes (/q/health/*) and metrics (/q/metrics)"));
        given().when().get("/q/info").then().statusCode(401);
        // A runner holds no service token (builds run beside it), so no token opens it, not even a good one.
        given().header("Authorization", "Bearer test-service-token-0123456789abcdef")
                .when()
                .get("/q/dev")
                .then()
                .statusCode(401)
                .body(containsString("holds no service token"));
    }

    @Test
    void exposesRunnerMetrics() {
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sparky_runner_busy"))
                .body(containsString("sparky_runner_log_bytes_total"));
    }
}
