package dev.sparky.ui.internalapi;

import dev.sparky.contracts.ServiceToken;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Adds the service token to every internal API call: the dispatcher and the scheduler answer only Sparky services. */
public class ServiceTokenFilter implements ClientRequestFilter {
    private final ServiceToken token;

    public ServiceTokenFilter(ServiceToken token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(ServiceToken.HEADER, token.authorization());
    }
}
