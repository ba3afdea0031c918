package dev.sparky.dispatcher.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The internal API answers only callers with the service token; probes and metrics answer anyone. */
@QuarkusTest
@QuarkusTestResource(value = SeededStateResource.class, restrictToAnnotatedClass = true)
class ServiceAuthTest {

    @Test
    void internalApiWithoutTheTokenIs401WithWhatToSend() {
        for (String path : new String[] {
            "/internal/v1/builds",
            "/internal/v1/builds/1/log",
            "/internal/v1/builds/1/log/whole",
            "/internal/v1/builds/1/artifacts",
            "/internal/v1/builds/1/stash",
            "/internal/v1/api-tokens",
            "/internal/v1/overview",
            "/no/such/path"
        }) {
            RestAssured.given()
                    .get(path)
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body(containsString("send the shared service token as 'Authorization: Bearer <token>'"));
        }
        RestAssured.given()
                .contentType("application/json")
                .body("{\"token\":\"spk_x\"}")
                .post("/internal/v1/api-tokens/verify")
                .then()
                .statusCode(401);
        RestAssured.given()
                .contentType("application/json")
                .body("{\"token\":\"x\"}")
                .post("/internal/v1/job-tokens/verify")
                .then()
                .statusCode(401);
    }

    @Test
    void aWrongTokenIs401() {
        RestAssured.given()
                .header("Authorization", "Bearer " + ServiceCalls.TOKEN.replace('0', '1'))
                .get("/internal/v1/builds")
                .then()
                .statusCode(401)
                .body(containsString("is not this service's sparky.service.token"));
        RestAssured.given()
                .header("Authorization", "Basic c3Bhcmt5OnNwYXJreQ==")
                .get("/internal/v1/builds/1/log")
                .then()
                .statusCode(401);
    }

    @Test
    void theRightTokenIsServed() {
        ServiceCalls.given()
                .get("/internal/v1/builds/1/log")
                .then()
                .statusCode(200)
                .body(equalTo("hello\n"));
    }

    @Test
    void probesAndMetricsNeedNoToken() {
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        RestAssured.given().get("/q/health/ready").then().statusCode(503);
        RestAssured.given().get("/q/metrics").then().statusCode(200).body(containsString("sparky_queue_depth"));
        // A wrong token does not take them away either: nothing there reads it.
        RestAssured.given()
                .header("Authorization", "Bearer wrong")
                .get("/q/health/live")
                .then()
                .statusCode(200);
    }
}
