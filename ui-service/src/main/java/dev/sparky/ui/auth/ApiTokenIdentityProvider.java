package dev.sparky.ui.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An API token becomes its name and scopes, as the dispatcher says (answers cached briefly by
 * {@link ApiTokenVerifier}); an unknown, revoked or expired token fails the request with 401. Asking the
 * dispatcher blocks, so it runs on a worker thread.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {
    static final String REJECTED = "invalid, revoked or expired API token (tokens look like spk_...; an admin makes "
            + "them at POST /api/v1/tokens)";

    private final Authenticator authenticator;

    ApiTokenIdentityProvider(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        // The message never quotes the presented value. DispatcherUnavailableException passes through (503).
        return context.runBlocking(() -> authenticator
                .token(request.token())
                .map(c -> Identities.of(c, null))
                .orElseThrow(() -> new AuthenticationFailedException(REJECTED)));
    }
}
