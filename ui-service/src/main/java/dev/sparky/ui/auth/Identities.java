package dev.sparky.ui.auth;

import dev.sparky.ui.auth.SessionCodec.Session;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The Quarkus Security identity of a Sparky caller: principal the user's name (or {@code token:<name>}), role
 * {@code admin} for the users file's admins, and the {@link Caller} itself (a token's scopes), a browser's session
 * and its origin as attributes, which the permission checks and the page layout read back.
 */
public final class Identities {
    public static final String ADMIN_ROLE = "admin";
    static final String CALLER = "sparky.caller";
    static final String SESSION = "sparky.session";
    /** Where a browser's login came from: {@link Authenticator#PASSWORD} or {@link Authenticator#OIDC}. */
    public static final String ORIGIN = "sparky.origin";

    private Identities() {}

    static SecurityIdentity of(Caller caller, Session session) {
        var b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.requestedBy()))
                .addAttribute(CALLER, caller);
        if (session != null) {
            b.addAttribute(SESSION, session).addAttribute(ORIGIN, session.origin());
        }
        if (caller.admin()) {
            b.addRole(ADMIN_ROLE);
        }
        return b.build();
    }

    /** Anonymous for nobody, and for an identity Sparky did not make (the OIDC login's, on /login/oidc only). */
    public static Caller caller(SecurityIdentity identity) {
        Caller c = identity == null ? null : identity.getAttribute(CALLER);
        return c == null ? Caller.ANONYMOUS : c;
    }

    static Session session(SecurityIdentity identity) {
        return identity == null ? null : identity.getAttribute(SESSION);
    }
}
