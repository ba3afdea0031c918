package dev.sparky.ui.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login on, reads private, served under {@code SPARKY_HTTP_ROOT=/sparky}: the prefix changes where the pages are,
 * never who may do what. Every request below goes through the prefix (as a reverse proxy that passes it on would
 * send it), and each refusal is the one the same request gets without the prefix.
 */
@QuarkusTest
@TestProfile(HttpRootAccessTest.PrivateUnderSparky.class)
class HttpRootAccessTest {
    private static final String TRIGGER = "/sparky/api/v1/projects/hello/builds";

    public static class PrivateUnderSparky extends AuthOnProfile.PrivateRead {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("sparky.http.root", "/sparky");
            return config;
        }
    }

    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        dispatcher.reset();
        publisher.reset();
        dispatcher.add(FakeDispatcher.build(1, "broken", "k", BuildState.RUNNING, "d", Map.of()));
        dispatcher.log(1, "secret log of broken\n");
    }

    @Test
    void anonymousCallersAreRefusedUnderThePrefixAndPagesSendThemToItsLogin() {
        given().redirects()
                .follow(false)
                .get("/sparky/builds/1")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/sparky/login?next=%2Fbuilds%2F1"));
        given().get("/sparky/api/v1/projects").then().statusCode(401);
        given().get("/sparky/api/v1/builds/1/log").then().statusCode(401).body(not(containsString("secret log")));
        given().get("/sparky/status/broken/k").then().statusCode(401);
        given().get("/sparky/report/raw/broken/k").then().statusCode(401).body(not(containsString("secret log")));
        given().contentType(ContentType.JSON).body("{}").post(TRIGGER).then().statusCode(401);
        given().post("/sparky/build/project/hello").then().statusCode(401);
        given().post("/sparky/cancel/project/broken/k").then().statusCode(401);
        given().get("/sparky/login").then().statusCode(200);
        assertTrue(publisher.requests.isEmpty() && publisher.cancels.isEmpty(), "nothing was published");
    }

    @Test
    void aLoginUnderThePrefixGoesBackToThePageUnderThePrefix() {
        var form = given().get("/sparky/login?next=%2Fbuilds%2F1");
        String field = form.asString().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]*)\".*", "$1");
        given().redirects()
                .follow(false)
                .cookie(LoginResource.LOGIN_COOKIE, form.getCookie(LoginResource.LOGIN_COOKIE))
                .formParam("user", "alice")
                .formParam("password", "alice-pw")
                .formParam("csrf", field)
                .formParam("next", "/builds/1")
                .post("/sparky/login")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/sparky/builds/1"));
        given().redirects()
                .follow(false)
                .cookie(LoginResource.LOGIN_COOKIE, form.getCookie(LoginResource.LOGIN_COOKIE))
                .formParam("user", "alice")
                .formParam("password", "alice-pw")
                .formParam("csrf", field)
                .formParam("next", "//evil.example/x")
                .post("/sparky/login")
                .then()
                .statusCode(303)
                .header("Location", not(containsString("evil.example")));
    }

    @Test
    void pathTricksAroundThePrefixReachNothingWithoutALogin() {
        List<String> tricks = List.of(
                "/sparky//api/v1/builds/1/log",
                "/sparky/sparky/api/v1/builds/1/log",
                "/sparky/./api/v1/builds/1/log",
                "/sparky/x/../api/v1/builds/1/log",
                "/sparky/%2e%2e/sparky/api/v1/builds/1/log",
                "/sparky/api/v1/builds/1/log;x=1",
                "/sparky%2fapi/v1/builds/1/log",
                "/SPARKY/api/v1/builds/1/log");
        for (String trick : tricks) {
            var r = given().urlEncodingEnabled(false).redirects().follow(false).get(trick);
            assertTrue(
                    List.of(400, 401, 404).contains(r.statusCode()),
                    trick + " answered " + r.statusCode() + ": " + r.asString());
            assertTrue(!r.asString().contains("secret log"), trick + " gave the log away");
        }
        for (String trick : List.of(
                "/sparky//build/project/hello",
                "/sparky/sparky/build/project/hello",
                "/sparky/x/../build/project/hello")) {
            var r = given().urlEncodingEnabled(false).redirects().follow(false).post(trick);
            assertTrue(
                    List.of(400, 401, 404).contains(r.statusCode()),
                    trick + " answered " + r.statusCode() + ": " + r.asString());
        }
        assertTrue(publisher.requests.isEmpty(), "no trick started a build");
    }

    @Test
    void theAclDecidesUnderThePrefixAsWithoutIt() {
        Browser mallory = Browser.login("mallory", "mallory-pw");
        mallory.page()
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(403)
                .body("detail", containsString("mallory may not run project hello"));
        Browser bob = Browser.login("bob", "bob-pw");
        bob.cookieOnly()
                .get("/sparky/api/v1/builds/1/log")
                .then()
                .statusCode(403)
                .body(not(containsString("secret log")));
        bob.cookieOnly().get("/sparky/builds/1").then().statusCode(403).body(not(containsString("secret log")));
        bob.page().post("/sparky/cancel/project/broken/k").then().statusCode(403);
        assertTrue(publisher.requests.isEmpty() && publisher.cancels.isEmpty(), "nothing was published");

        bob.page().contentType(ContentType.JSON).body("{}").post(TRIGGER).then().statusCode(202);
        assertEquals(1, publisher.requests.size(), "bob may run hello, under the prefix too");
        assertEquals("hello", publisher.requests.get(0).project());
    }

    @Test
    void writesUnderThePrefixStillNeedTheCsrfToken() {
        Browser alice = Browser.login("alice", "alice-pw");
        alice.cookieOnly()
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(403);
        alice.cookieOnly().post("/sparky/cancel/project/broken/k").then().statusCode(403);
        assertTrue(publisher.requests.isEmpty() && publisher.cancels.isEmpty(), "a forged write did nothing");
    }
}
