package dev.sparky.scheduler.app;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests as another Sparky service sends them: with the test profile's service token. */
public final class ServiceCalls {
    /** The test profile's sparky.service.token (application.properties). */
    public static final String TOKEN = "test-service-token-0123456789abcdef";

    private ServiceCalls() {}

    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + TOKEN);
    }
}
