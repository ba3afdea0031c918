package dev.sparky.ui.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A session cookie becomes its user (and the admin flag from the users file); a forged, altered or expired
 * cookie, or one whose password user left the users file, fails, and the mechanism then treats the browser as
 * nobody.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
    private final Authenticator authenticator;

    SessionIdentityProvider(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        return authenticator
                .session(request.cookie())
                .map(s -> Uni.createFrom().item(Identities.of(authenticator.caller(s), s)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("no valid session")));
    }
}
