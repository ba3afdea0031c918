package dev.sparky.ui.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A logged-in browser for tests: its session cookie and the CSRF token its pages carry. */
record Browser(String session, String csrf) {
    private static final Pattern META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");
    private static final Pattern FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    static Browser login(String user, String password) {
        Response form = given().get("/login");
        String loginCookie = form.getCookie(LoginResource.LOGIN_COOKIE);
        Matcher m = FIELD.matcher(form.asString());
        m.find();
        Response r = given().redirects()
                .follow(false)
                .cookie(LoginResource.LOGIN_COOKIE, loginCookie)
                .formParam("user", user)
                .formParam("password", password)
                .formParam("csrf", m.group(1))
                .formParam("next", "/")
                .post("/login");
        assertEquals(303, r.statusCode(), r.asString());
        String session = r.getCookie(SparkyAuthMechanism.SESSION_COOKIE);
        Matcher meta = META.matcher(given().cookie(SparkyAuthMechanism.SESSION_COOKIE, session)
                .get("/")
                .asString());
        meta.find();
        return new Browser(session, meta.group(1));
    }

    /** A request with the session cookie and the CSRF header, as the page script sends writes. */
    RequestSpecification page() {
        return given().cookie(SparkyAuthMechanism.SESSION_COOKIE, session).header(CsrfFilter.CSRF_HEADER, csrf);
    }

    /** The session cookie only: what a forged cross-site request would carry. */
    RequestSpecification cookieOnly() {
        return given().cookie(SparkyAuthMechanism.SESSION_COOKIE, session);
    }
}
