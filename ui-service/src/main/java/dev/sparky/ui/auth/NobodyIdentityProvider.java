package dev.sparky.ui.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The identity of a request that proves nobody: {@link Caller#ANONYMOUS}, for Sparky's rules to judge. */
@ApplicationScoped
public class NobodyIdentityProvider implements IdentityProvider<NobodyRequest> {

    @Override
    public Class<NobodyRequest> getRequestType() {
        return NobodyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(NobodyRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(Identities.of(Caller.ANONYMOUS, null));
    }
}
