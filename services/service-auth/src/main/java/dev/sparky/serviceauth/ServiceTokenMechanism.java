package dev.sparky.serviceauth;

import dev.sparky.contracts.ServiceToken;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the service token from {@code Authorization: Bearer <token>}. No header: the caller is anonymous and the
 * path policies decide (probes and metrics are open, the rest needs a service). Which paths need it is each
 * service's {@code quarkus.http.auth.permission.*}; a refusal is a 401 whose body says what to send.
 */
@ApplicationScoped
public class ServiceTokenMechanism implements HttpAuthenticationMechanism {
    static final String REALM = "Bearer realm=\"sparky-services\"";
    static final String MISSING = "this port answers only the other Sparky services: send the shared service token "
            + "as 'Authorization: Bearer <token>' (" + ServiceToken.KEY + ", env " + ServiceToken.ENV + ")\n";
    static final String WRONG = "the service token sent in 'Authorization: Bearer' is not this service's "
            + ServiceToken.KEY + ": every Sparky service must have the same " + ServiceToken.ENV + "\n";
    static final String CLOSED = "this port answers only probes (/q/health/*) and metrics (/q/metrics): this service "
            + "holds no service token, so no caller is accepted anywhere else\n";

    private final ServiceCredential credential;

    ServiceTokenMechanism(ServiceCredential credential) {
        this.credential = credential;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(ServiceToken.HEADER);
        if (header == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        Optional<String> token = ServiceToken.bearer(header);
        if (token.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        // A wrong token leaves the caller anonymous rather than failing the request here: the path policy then
        // refuses it through sendChallenge, whose body says what is wrong, and open paths stay open.
        return identities
                .authenticate(
                        HttpSecurityUtils.setRoutingContextAttribute(new ServiceTokenRequest(token.get()), context))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", REALM));
    }

    /** The challenge with a body that tells the caller what is wrong and what to send instead. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!response.ended() && !response.headWritten()) {
            boolean presented = context.request().getHeader(ServiceToken.HEADER) != null;
            response.setStatusCode(401)
                    .putHeader("WWW-Authenticate", REALM)
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(!credential.holdsToken() ? CLOSED : presented ? WRONG : MISSING);
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ServiceTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
