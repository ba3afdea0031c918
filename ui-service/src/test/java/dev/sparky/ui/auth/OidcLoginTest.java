package dev.sparky.ui.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a mock OpenID provider (WireMock, offline): the code flow ends in a Sparky session
 * for the ID token's preferred_username ("alice" in the mock) as the user oidc:alice, who is not the users
 * file's admin alice.
 */
@QuarkusTest
@TestProfile(OidcLoginTest.Profile.class)
class OidcLoginTest {

    /** Auth on, OIDC on, the provider's URL from the mock. */
    public static class Profile extends AuthOnProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(super.getConfigOverrides());
            c.put("sparky.auth.oidc.enabled", "true");
            c.put("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/");
            c.put("quarkus.oidc.client-id", "quarkus-web-app");
            c.put("quarkus.oidc.credentials.secret", "secret");
            return c;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @Test
    void codeFlowEndsInASparkySession() {
        given().get("/login").then().statusCode(200).body(containsString("/login/oidc?next="));
        Response start = given().redirects().follow(false).get("/login/oidc?next=/queue");
        assertEquals(302, start.statusCode(), start.asString());
        Map<String, String> cookies = new HashMap<>(start.getCookies());
        URI authorize = URI.create(start.getHeader("Location"));
        // The mock provider's login form posts to /login, which redirects back with a code.
        String query = authorize.getRawQuery();
        Response provider = given().redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .get(authorize.getScheme() + "://" + authorize.getAuthority() + "/login?" + query);
        assertEquals(302, provider.statusCode(), provider.asString());
        Response callback = given().redirects()
                .follow(false)
                .cookies(cookies)
                .urlEncodingEnabled(false)
                .get(provider.getHeader("Location"));
        assertEquals(302, callback.statusCode(), callback.asString());
        cookies.putAll(callback.getCookies());
        Response back = given().redirects()
                .follow(false)
                .cookies(cookies)
                .urlEncodingEnabled(false)
                .get(callback.getHeader("Location"));
        assertEquals(303, back.statusCode(), back.asString());
        String session = back.getCookie(SparkyAuthMechanism.SESSION_COOKIE);
        assertNotNull(session);
        assertTrue(back.getHeader("Location").endsWith("/queue"), back.getHeader("Location"));
        given().cookie(SparkyAuthMechanism.SESSION_COOKIE, session)
                .get("/queue")
                .then()
                .statusCode(200)
                .body(containsString(">oidc:alice<"));
        // The users file's admin alice is a local user: the provider's alice is oidc:alice, no admin.
        given().cookie(SparkyAuthMechanism.SESSION_COOKIE, session)
                .get("/api/v1/tokens")
                .then()
                .statusCode(403)
                .body("detail", containsString("oidc:alice is not an admin"));
    }
}
