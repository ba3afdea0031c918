package dev.sparky.ui.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.ui.FakeApiTokenClient;
import dev.sparky.ui.FakeDispatcher;
import dev.sparky.ui.FakePublisher;
import dev.sparky.ui.TestProjects;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auth on with public reads: logins, sessions, CSRF, the ACL, API tokens, headers. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class AuthOnTest {
    static final String TRIGGER = "/api/v1/projects/hello/builds";

    @Inject
    FakeDispatcher dispatcher;

    @Inject
    FakePublisher publisher;

    @Inject
    FakeApiTokenClient tokens;

    @BeforeEach
    void setUp() {
        TestProjects.create();
        dispatcher.reset();
        publisher.reset();
        tokens.reset();
    }

    @Test
    void anonymousReadsButCannotWrite() {
        given().get("/").then().statusCode(200).body(containsString("href=\"/login\""));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", containsString("/login"));
        given().post("/build/project/hello").then().statusCode(401).contentType(startsWith("text/plain"));
        given().post("/cancel/project/hello/abc").then().statusCode(401);
        assertTrue(publisher.requests.isEmpty() && publisher.cancels.isEmpty());
    }

    @Test
    void loginSetsASecureSessionCookieAndWritesNeedTheCsrfToken() {
        var form = given().get("/login");
        form.then().statusCode(200).cookie(LoginResource.LOGIN_COOKIE);
        assertTrue(form.getHeader("Set-Cookie").contains("HttpOnly"));
        Browser alice = Browser.login("alice", "alice-pw");
        alice.cookieOnly()
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(403)
                .body("detail", containsString("CSRF"));
        alice.cookieOnly()
                .header(CsrfFilter.CSRF_HEADER, "forged")
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(403);
        assertTrue(publisher.requests.isEmpty());
        alice.page()
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(202);
        assertEquals("alice", publisher.last().requestedBy());
        given().cookie(SparkyAuthMechanism.SESSION_COOKIE, alice.session())
                .get("/")
                .then()
                .body(
                        containsString("id=\"current-user\" class=\"mr-2\">alice<"),
                        containsString("id=\"logout-form\""));
    }

    @Test
    void sessionCookieHasItsAttributes() {
        var form = given().get("/login");
        String field = form.asString().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]*)\".*", "$1");
        var r = given().redirects()
                .follow(false)
                .cookie(LoginResource.LOGIN_COOKIE, form.getCookie(LoginResource.LOGIN_COOKIE))
                .formParam("user", "bob")
                .formParam("password", "bob-pw")
                .formParam("csrf", field)
                .formParam("next", "//evil.example/x")
                .post("/login");
        r.then().statusCode(303).header("Location", not(containsString("evil")));
        String setCookie = r.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SparkyAuthMechanism.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertTrue(
                setCookie.contains("HttpOnly")
                        && setCookie.contains("SameSite=Lax")
                        && setCookie.contains("Max-Age=43200"),
                setCookie);
    }

    @Test
    void wrongPasswordUnknownUserAndMissingFormTokenAreRefused() {
        var form = given().get("/login");
        String field = form.asString().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]*)\".*", "$1");
        String cookie = form.getCookie(LoginResource.LOGIN_COOKIE);
        given().cookie(LoginResource.LOGIN_COOKIE, cookie)
                .formParam("user", "alice")
                .formParam("password", "nope")
                .formParam("csrf", field)
                .post("/login")
                .then()
                .statusCode(401)
                .body(containsString("Wrong user name or password"));
        given().cookie(LoginResource.LOGIN_COOKIE, cookie)
                .formParam("user", "zed")
                .formParam("password", "alice-pw")
                .formParam("csrf", field)
                .post("/login")
                .then()
                .statusCode(401)
                .body(containsString("Wrong user name or password"));
        given().formParam("user", "alice")
                .formParam("password", "alice-pw")
                .formParam("csrf", field)
                .post("/login")
                .then()
                .statusCode(403);
    }

    @Test
    void forgedOrTamperedSessionsCountAsNobody() {
        Browser alice = Browser.login("alice", "alice-pw");
        String tampered = "x" + alice.session().substring(1);
        given().cookie(SparkyAuthMechanism.SESSION_COOKIE, tampered)
                .header(CsrfFilter.CSRF_HEADER, alice.csrf())
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(401);
    }

    @Test
    void aclDecidesPerProject() {
        Browser mallory = Browser.login("mallory", "mallory-pw");
        mallory.page()
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(403)
                .body("detail", containsString("mallory may not run project hello"));
        dispatcher.add(FakeDispatcher.build(7, "broken", "k", BuildState.RUNNING, "d", Map.of()));
        Browser bob = Browser.login("bob", "bob-pw");
        bob.page().post("/api/v1/builds/7/cancel").then().statusCode(403);
        bob.page().post("/cancel/project/broken/k").then().statusCode(403);
        Browser alice = Browser.login("alice", "alice-pw");
        alice.page().post("/api/v1/builds/7/cancel").then().statusCode(202);
        assertEquals("alice", publisher.cancels.get(0).requestedBy());
    }

    @Test
    void adminsMakeTokensShownOnceAndStoredOnlyAsHashes() {
        Browser alice = Browser.login("alice", "alice-pw");
        var created = alice.page()
                .contentType(ContentType.JSON)
                .body("{\"name\":\"ci\",\"projects\":[\"hello\"],\"actions\":[\"run\"]}")
                .post("/api/v1/tokens");
        created.then().statusCode(201).header("Cache-Control", "no-store").body("token", startsWith("spk_"));
        String token = created.path("token");
        var command = publisher.tokenCommands.get(0);
        assertEquals(ApiTokens.hash(token), command.tokenHash());
        assertFalse(command.toString().contains(token));
        Browser bob = Browser.login("bob", "bob-pw");
        bob.page()
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"projects\":[\"*\"],\"actions\":[\"run\"]}")
                .post("/api/v1/tokens")
                .then()
                .statusCode(403);
        given().get("/api/v1/tokens").then().statusCode(401);
        alice.page()
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"projects\":[\"../x\"],\"actions\":[\"run\"]}")
                .post("/api/v1/tokens")
                .then()
                .statusCode(400);
        alice.page()
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"projects\":[\"*\"],\"actions\":[\"admin\"]}")
                .post("/api/v1/tokens")
                .then()
                .statusCode(400);
        alice.page().delete("/api/v1/tokens/" + command.tokenId()).then().statusCode(202);
        assertEquals(ApiTokenCommand.REVOKE, publisher.tokenCommands.get(1).command());
        alice.page().delete("/api/v1/tokens/..%2Fx").then().statusCode(400);
    }

    @Test
    void apiTokensActWithinTheirScopesWithoutCsrf() {
        String token = new ApiTokens(new java.security.SecureRandom()).newToken();
        tokens.grant(
                token, new ApiTokenGrant("abcdefghijklmnop", "ci", List.of("hello"), List.of("run"), "alice", null));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(202);
        assertEquals("token:ci", publisher.last().requestedBy());
        given().auth().oauth2(token).post("/build/project/broken").then().statusCode(403);
        dispatcher.add(FakeDispatcher.build(8, "hello", "k", BuildState.RUNNING, "d", Map.of()));
        given().auth().oauth2(token).post("/api/v1/builds/8/cancel").then().statusCode(403);
        given().auth()
                .oauth2("spk_" + "A".repeat(43))
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(401)
                .body("detail", containsString("invalid, revoked or expired"));
        tokens.reset(); // revoked (the test cache time is 0)
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post(TRIGGER)
                .then()
                .statusCode(401);
    }

    @Test
    void quarkusSecurityRefusesWithSparkysReasons() {
        // A wrong token is 401 even where reads are public: the client meant to be someone.
        given().auth()
                .oauth2("spk_not-a-token")
                .get("/api/v1/projects")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"sparky\""))
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("invalid, revoked or expired API token"));
        String token = new ApiTokens(new java.security.SecureRandom()).newToken();
        tokens.grant(
                token,
                new ApiTokenGrant(
                        "abcdefghijklmnop", "ci", List.of("*"), List.of("run", "cancel", "read"), "alice", null));
        // A caller's bad project name is 400 before any rule; nobody is told to log in first.
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/projects/a%20b/builds")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/projects/a%20b/builds")
                .then()
                .statusCode(401);
        // Even a token scoped to everything never manages tokens: that is an admin's.
        given().auth()
                .oauth2(token)
                .get("/api/v1/tokens")
                .then()
                .statusCode(403)
                .body("detail", containsString("ci is not an admin"));
        given().get("/api/v1/tokens").then().statusCode(401).body("detail", containsString("as an admin"));
    }

    @Test
    void logoutNeedsTheCsrfTokenAndClearsTheCookie() {
        Browser alice = Browser.login("alice", "alice-pw");
        given().redirects()
                .follow(false)
                .cookie(SparkyAuthMechanism.SESSION_COOKIE, alice.session())
                .post("/logout")
                .then()
                .statusCode(403);
        var r = given().redirects()
                .follow(false)
                .cookie(SparkyAuthMechanism.SESSION_COOKIE, alice.session())
                .formParam("csrf", alice.csrf())
                .post("/logout");
        r.then().statusCode(303);
        assertTrue(r.getHeaders().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(SparkyAuthMechanism.SESSION_COOKIE + "=;") && c.contains("Max-Age=0")));
    }

    /** Sparky's GET /logout asks instead: a link or image elsewhere cannot log anyone out. */
    @Test
    void logoutByGetAsksAndChangesNothing() {
        Browser alice = Browser.login("alice", "alice-pw");
        var r = given().redirects()
                .follow(false)
                .cookie(SparkyAuthMechanism.SESSION_COOKIE, alice.session())
                .get("/logout");
        r.then()
                .statusCode(200)
                .body(
                        containsString("id=\"logout-confirm\""),
                        containsString("name=\"csrf\" value=\"" + alice.csrf() + "\""));
        assertTrue(r.getHeaders().getValues("Set-Cookie").isEmpty(), "no cookie is cleared by a GET");
        alice.page().get("/").then().statusCode(200).body(containsString("id=\"current-user\""));
        given().redirects().follow(false).get("/logout").then().statusCode(303).header("Location", "/");
    }

    /** Sparky's build form asked for a login, as the project page's form here needs one to submit. */
    @Test
    void sparkysBuildFormNeedsALoginAndTheRightToRun() {
        given().redirects()
                .follow(false)
                .get("/build/project/hello")
                .then()
                .statusCode(303)
                .header("Location", "/login?next=%2Fbuild%2Fproject%2Fhello");
        Browser mallory = Browser.login("mallory", "mallory-pw");
        mallory.page()
                .redirects()
                .follow(false)
                .get("/build/project/hello")
                .then()
                .statusCode(403);
        Browser alice = Browser.login("alice", "alice-pw");
        alice.page()
                .redirects()
                .follow(false)
                .get("/build/project/hello")
                .then()
                .statusCode(303)
                .header("Location", "/projects/hello");
    }

    @Test
    void pagesCarrySecurityHeaders() {
        given().get("/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Strict-Transport-Security", nullValue())
                .body(not(containsString("<script>")), not(containsString("onclick=")));
        given().get("/js/sparky.js").then().statusCode(200).header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void smallEndpointsRefuseLargeBodies() {
        Browser alice = Browser.login("alice", "alice-pw");
        alice.page()
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/tokens")
                .then()
                .statusCode(413);
        given().formParam("user", "u".repeat(70_000)).post("/login").then().statusCode(413);
    }
}
