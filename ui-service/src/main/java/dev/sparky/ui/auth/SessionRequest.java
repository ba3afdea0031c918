package dev.sparky.ui.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A browser's claim to be logged in: the value of its {@code sparky_session} cookie. */
public final class SessionRequest extends BaseAuthenticationRequest {
    private final String cookie;

    public SessionRequest(String cookie) {
        this.cookie = cookie;
    }

    public String cookie() {
        return cookie;
    }
}
