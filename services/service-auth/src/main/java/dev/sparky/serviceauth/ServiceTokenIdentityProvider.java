package dev.sparky.serviceauth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a presented service token into the identity {@code sparky-service} (role {@code service}), or fails. */
@ApplicationScoped
public class ServiceTokenIdentityProvider implements IdentityProvider<ServiceTokenRequest> {
    /** The one principal every authenticated caller of an internal port is. */
    public static final String PRINCIPAL = "sparky-service";

    public static final String ROLE = "service";

    private final ServiceCredential credential;

    ServiceTokenIdentityProvider(ServiceCredential credential) {
        this.credential = credential;
    }

    @Override
    public Class<ServiceTokenRequest> getRequestType() {
        return ServiceTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ServiceTokenRequest request, AuthenticationRequestContext context) {
        if (!credential.accepts(request.token())) {
            // The message never quotes the presented value.
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong service token"));
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(PRINCIPAL))
                        .addRole(ROLE)
                        .build());
    }
}
