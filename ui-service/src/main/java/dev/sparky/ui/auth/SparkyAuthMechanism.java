package dev.sparky.ui.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Who sent a UI request, for Quarkus Security: an API token ({@code Authorization: Bearer spk_...}), else the
 * session cookie {@code sparky_session}, else nobody ({@link NobodyRequest}: Sparky's anonymous caller). With
 * auth off everyone is nobody, and {@link AccessPolicy} allows nobody everything. The job API (its build
 * tokens), /login and /logout (their own form tokens) and /login/oidc (quarkus-oidc's code flow) are not this
 * mechanism's: it leaves them anonymous and sends no challenge there. What each endpoint needs is its annotation ({@link AccessChecks}).
 */
@ApplicationScoped
public class SparkyAuthMechanism implements HttpAuthenticationMechanism {
    public static final String SESSION_COOKIE = "sparky_session";
    static final String REALM = "Bearer realm=\"sparky\"";
    private static final List<String> OWN_AUTH = List.of("/api/v1/job/", "/login", "/logout");

    private final AccessPolicy policy;

    SparkyAuthMechanism(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (ownAuth(context)) {
            return Uni.createFrom().nullItem();
        }
        if (!policy.on()) {
            return nobody(context, identities);
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String token = authorization.strip();
            if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = token.substring(7).strip();
            }
            // A wrong token fails the request (401) even where reads are public: the client meant to be someone.
            return identities.authenticate(
                    HttpSecurityUtils.setRoutingContextAttribute(new ApiTokenRequest(token), context));
        }
        Cookie cookie = context.request().getCookie(SESSION_COOKIE);
        if (cookie == null) {
            return nobody(context, identities);
        }
        // A forged, altered or expired cookie counts as no login.
        return identities
                .authenticate(
                        HttpSecurityUtils.setRoutingContextAttribute(new SessionRequest(cookie.getValue()), context))
                .invoke(identity -> context.put(Identities.SESSION, Identities.session(identity)))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithUni(() -> nobody(context, identities));
    }

    private static Uni<SecurityIdentity> nobody(RoutingContext context, IdentityProviderManager identities) {
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new NobodyRequest(), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // Where quarkus-oidc guards the path, its challenge (the redirect to the provider) is the one to send.
        return ownAuth(context)
                ? Uni.createFrom().nullItem()
                : Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", REALM));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class, ApiTokenRequest.class, NobodyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    private static boolean ownAuth(RoutingContext context) {
        String path = context.normalizedPath();
        return OWN_AUTH.stream().anyMatch(path::startsWith);
    }
}
