package dev.sparky.ui.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeApiTokenClient;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auth on with public-read=false: reads need a caller, pages send to /login, the ACL hides projects. */
@QuarkusTest
@TestProfile(AuthOnProfile.PrivateRead.class)
class PrivateReadTest {
    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakeApiTokenClient tokens;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        dispatcher.reset();
        tokens.reset();
        dispatcher.add(FakeDispatcher.build(1, "broken", "k", BuildState.FAILED, "d", Map.of()));
        dispatcher.log(1, "secret log\n");
    }

    @Test
    void anonymousReadsAreRefusedAndPagesGoToLogin() {
        given().redirects()
                .follow(false)
                .get("/builds/1")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/login?next=%2Fbuilds%2F1"));
        given().get("/api/v1/projects").then().statusCode(401);
        given().get("/status/broken/k").then().statusCode(401);
        given().get("/api/v1/builds/1/log").then().statusCode(401);
        given().get("/fragments/projects").then().statusCode(401);
        given().get("/login").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aclHidesWhatAUserMayNotRead() {
        Browser bob = Browser.login("bob", "bob-pw");
        bob.cookieOnly()
                .get("/api/v1/projects")
                .then()
                .statusCode(200)
                .body("name", hasItem("hello"), "name", not(hasItem("broken")));
        bob.cookieOnly().get("/api/v1/builds/1").then().statusCode(403);
        bob.cookieOnly().get("/api/v1/builds/1/log").then().statusCode(403);
        bob.cookieOnly().get("/builds/1").then().statusCode(403).body(not(containsString("secret log")));
        bob.cookieOnly().get("/api/v1/builds").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        Browser alice = Browser.login("alice", "alice-pw");
        alice.cookieOnly().get("/api/v1/builds/1/log").then().statusCode(200).body(containsString("secret log"));
    }

    @Test
    void readTokensReadOnlyTheirProjects() {
        String token = new ApiTokens(new java.security.SecureRandom()).newToken();
        tokens.grant(
                token,
                new ApiTokenGrant("abcdefghijklmnop", "reader", List.of("hello"), List.of("read"), "alice", null));
        given().auth().oauth2(token).get("/api/v1/projects/hello").then().statusCode(200);
        given().auth().oauth2(token).get("/status/broken/k").then().statusCode(403);
        given().auth().oauth2(token).post("/build/project/hello").then().statusCode(403);
    }
}
