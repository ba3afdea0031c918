package dev.sparky.ui.edge;

import java.util.Optional;

/**
 * An open server (login off) is fine on loopback, where only this machine's users reach it; listening
 * elsewhere with login off lets anyone on the network run builds, so the UI refuses to start unless told
 * explicitly that this is wanted.
 */
public final class OpenServerCheck {
    private OpenServerCheck() {}

    /** @return why the UI must not start, or empty */
    public static Optional<String> refusal(String listenHost, boolean authOn, boolean allowOpen) {
        if (authOn || allowOpen || EdgeRules.isLoopback(listenHost)) {
            return Optional.empty();
        }
        return Optional.of("the UI listens on " + listenHost + " with authentication off, so anyone who can reach "
                + "this machine could run builds. Turn login on (SPARKY_AUTH_MODE=on, users in users.yaml; see "
                + "docs/security.md), or listen on loopback only (SPARKY_HTTP_HOST=127.0.0.1, what 'bin/sparky up' "
                + "does), or, if an open server is really wanted, set sparky.auth.allow-open=true "
                + "(SPARKY_AUTH_ALLOW_OPEN=true)");
    }
}
