package dev.sparky.ui.auth;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * What the page layout shows about the login ({@code {inject:auth.user}} and friends in base.html): the
 * user and a logout button, or a login link; and the CSRF token the page script sends with every write. The
 * session is the one {@link SparkyAuthMechanism} authenticated for this request (none where no check ran).
 */
@Singleton
@Named("auth")
public class AuthView {
    private final AccessPolicy policy;
    private final Authenticator authenticator;
    private final CurrentVertxRequest request;

    public AuthView(AccessPolicy policy, Authenticator authenticator, CurrentVertxRequest request) {
        this.policy = policy;
        this.authenticator = authenticator;
        this.request = request;
    }

    public boolean on() {
        return policy.on();
    }

    /** The logged-in user's name, or empty. */
    public String user() {
        SessionCodec.Session s = session();
        return s == null ? "" : s.user();
    }

    public boolean admin() {
        SessionCodec.Session s = session();
        return s != null && authenticator.users().isAdmin(s.user());
    }

    /** The session's CSRF token, or empty without a session. */
    public String csrf() {
        SessionCodec.Session s = session();
        return s == null ? "" : authenticator.codec().csrfToken(s);
    }

    private SessionCodec.Session session() {
        if (!policy.on() || !Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext rc = request.getCurrent();
        return rc == null ? null : rc.get(Identities.SESSION);
    }
}
