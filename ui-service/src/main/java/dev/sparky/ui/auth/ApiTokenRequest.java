package dev.sparky.ui.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A client's claim to hold an API token: what it sent as {@code Authorization: Bearer spk_...}. */
public final class ApiTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    public ApiTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
