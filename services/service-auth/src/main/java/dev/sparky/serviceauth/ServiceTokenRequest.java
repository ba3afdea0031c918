package dev.sparky.serviceauth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A caller's claim to be another Sparky service: the bearer token it presented. */
public final class ServiceTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    public ServiceTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
