package dev.sparky.ui.auth;

import dev.sparky.ui.config.UiConfig;
import dev.sparky.ui.error.RequestRefusedException;
import dev.sparky.ui.site.Site;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The login form (user and password from the users file, or single sign-on when OIDC is enabled) and
 * logout. The form carries a token that must equal a cookie set with it (double submit), so another site
 * cannot log a browser in under its own account; logout needs the session's CSRF token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
// Open to all: the forms carry their own tokens (double-submit cookie, the session's CSRF token).
@PermitAll
public class LoginResource {
    private static final Logger LOG = Logger.getLogger(LoginResource.class);
    static final String LOGIN_COOKIE = "sparky_login";
    /** For a user without a password (imported from Sparky): what to do, not "wrong password". */
    static final String MUST_SET_PASSWORD = "This account has no password yet: it came from Sparky, whose md5 password "
            + "hashes are not accepted here. Ask an administrator to set a new password for it "
            + "(docs/migrating-from-sparky.md, \"Users\").";

    private final AccessPolicy policy;
    private final Authenticator auth;
    private final Cookies cookies;
    private final boolean oidc;
    private final Site site;

    public LoginResource(AccessPolicy policy, Authenticator auth, Cookies cookies, UiConfig config, Site site) {
        this.site = site;
        this.policy = policy;
        this.auth = auth;
        this.cookies = cookies;
        this.oidc = config.auth().oidc().enabled();
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String csrf, String next, String error, String oidcUrl);

        static native TemplateInstance logout(String user, String csrf);
    }

    @GET
    @Path("login")
    @Operation(hidden = true)
    public Response form(@QueryParam("next") String next, @Context RoutingContext rc) {
        if (!policy.on()) {
            return site.seeOther("/");
        }
        return page(200, safeNext(next), null, rc);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response login(
            @RestForm String user,
            @RestForm String password,
            @RestForm String csrf,
            @RestForm String next,
            @CookieParam(LOGIN_COOKIE) String expected,
            @Context RoutingContext rc) {
        if (!policy.on()) {
            return site.seeOther("/");
        }
        if (!same(csrf, expected)) {
            return page(403, safeNext(next), "The form expired or came from another site: please log in again.", rc);
        }
        var name = auth.users().authenticate(user, password);
        if (name.isEmpty()) {
            LOG.infof(
                    "failed login for user '%s' from %s",
                    printable(user), rc.request().remoteAddress());
            if (auth.users().mustSetPassword(user)) {
                // Names this user only (it exists, without a password): worth it, the person cannot do anything else.
                return page(401, safeNext(next), MUST_SET_PASSWORD, rc);
            }
            return page(401, safeNext(next), "Wrong user name or password.", rc);
        }
        LOG.infof("user %s logged in from %s", name.get(), rc.request().remoteAddress());
        String session = auth.codec().issue(name.get(), Authenticator.PASSWORD);
        return site.redirect(safeNext(next))
                .header("Set-Cookie", cookies.session(session, rc))
                .header("Set-Cookie", cookies.clear(LOGIN_COOKIE, rc))
                .build();
    }

    /**
     * Sparky logged out on {@code GET /logout}. Here a GET changes nothing (a link or an image on another site
     * must not log anyone out): it asks, and the button posts the form with the session's CSRF token.
     */
    @GET
    @Path("logout")
    @Operation(hidden = true)
    public Response logoutForm(@CookieParam(SparkyAuthMechanism.SESSION_COOKIE) String cookie) {
        var session = policy.on() ? auth.session(cookie) : java.util.Optional.<SessionCodec.Session>empty();
        if (session.isEmpty()) {
            return site.seeOther("/");
        }
        return Response.ok(
                        Templates.logout(session.get().user(), auth.codec().csrfToken(session.get()))
                                .render(),
                        MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    @POST
    @Path("logout")
    @Operation(hidden = true)
    public Response logout(
            @RestForm String csrf,
            @CookieParam(SparkyAuthMechanism.SESSION_COOKIE) String cookie,
            @Context RoutingContext rc) {
        var session = auth.session(cookie);
        if (session.isPresent() && !auth.codec().csrfMatches(session.get(), csrf)) {
            throw RequestRefusedException.forbidden("missing or wrong CSRF token: reload the page and log out again");
        }
        session.ifPresent(s -> LOG.infof("user %s logged out", s.user()));
        return site.redirect(policy.readsRestricted() ? "/login" : "/")
                .header("Set-Cookie", cookies.clear(SparkyAuthMechanism.SESSION_COOKIE, rc))
                .build();
    }

    private Response page(int status, String next, String error, RoutingContext rc) {
        String token = auth.codec().randomToken();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.login(
                                token,
                                next,
                                error,
                                oidc
                                        ? site.to("/login/oidc") + "?next="
                                                + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)
                                        : null)
                        .render())
                .header("Set-Cookie", cookies.loginForm(LOGIN_COOKIE, token, rc))
                .build();
    }

    /** Only a path on this site: never another host ({@code //evil}, {@code https://...}, {@code /\evil}). */
    static String safeNext(String next) {
        if (next == null
                || next.isEmpty()
                || next.length() > 2000
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x21 || c == '\\')) {
            return "/";
        }
        return next;
    }

    private static boolean same(String a, String b) {
        return a != null
                && b != null
                && !a.isEmpty()
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A user name as typed goes to the log: no control characters, bounded. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 100 ? t.substring(0, 100) + "..." : t;
    }
}
