package dev.sparky.ui.auth;

import dev.sparky.ui.config.UiConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The Set-Cookie values: always HttpOnly and Path=/; SameSite=Lax for the session (a link from elsewhere
 * still opens the page logged in; cross-site writes carry no cookie), Strict for the login form's token;
 * Secure on HTTPS or when {@code sparky.auth.secure-cookies=true} (TLS ends in front of the service).
 */
@Singleton
public class Cookies {
    private final boolean alwaysSecure;
    private final long sessionSeconds;

    public Cookies(UiConfig config) {
        this.alwaysSecure = config.auth().secureCookies();
        this.sessionSeconds = config.auth().sessionTtl().toSeconds();
    }

    String session(String value, RoutingContext rc) {
        return cookie(SparkyAuthMechanism.SESSION_COOKIE, value, sessionSeconds, "Lax", rc);
    }

    String loginForm(String name, String value, RoutingContext rc) {
        return cookie(name, value, 3600, "Strict", rc);
    }

    String clear(String name, RoutingContext rc) {
        return cookie(name, "", 0, "Lax", rc);
    }

    private String cookie(String name, String value, long maxAge, String sameSite, RoutingContext rc) {
        boolean secure = alwaysSecure || "https".equalsIgnoreCase(rc.request().scheme());
        return name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=" + sameSite
                + (secure ? "; Secure" : "");
    }
}
