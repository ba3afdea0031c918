package dev.sparky.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The shared service credential: a random secret that every Sparky service holds and sends to the others as
 * {@code Authorization: Bearer <token>}. The dispatcher's, the scheduler's and the runners' HTTP ports answer
 * only callers that present it (probes and metrics excepted), so reaching a port is not enough to read logs,
 * artifacts or API tokens. Plain Java: the UI's clients add the header, the services' Quarkus mechanism checks it.
 */
public final class ServiceToken {
    /** Configuration key; Quarkus reads it from the environment variable {@code SPARKY_SERVICE_TOKEN} too. */
    public static final String KEY = "sparky.service.token";

    public static final String ENV = "SPARKY_SERVICE_TOKEN";
    /** A shorter secret is guessable or a placeholder; {@code bin/sparky up} makes 64 hex characters. */
    public static final int MIN_LENGTH = 32;

    public static final String HEADER = "Authorization";
    private static final String SCHEME = "Bearer ";
    /** How to set one: part of every refusal to start, so the operator reads the fix with the error. */
    public static final String HOW_TO_SET = "set " + ENV + " (or " + KEY + ") to the same random secret of at least "
            + MIN_LENGTH + " characters in every Sparky service, e.g. `openssl rand -hex 32`: bin/sparky up writes one "
            + "into $SPARKY_HOME/run/service-token, on Kubernetes it comes from the Secret sparky-service-token";

    private final byte[] digest;
    private final String value;

    private ServiceToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * @param configured the configured secret, maybe absent
     * @throws IllegalStateException naming the key and saying how to set it when absent, blank or too short
     */
    public static ServiceToken require(Optional<String> configured, String service) {
        String v = configured.map(String::trim).orElse("");
        if (v.isEmpty()) {
            throw new IllegalStateException(service + " refuses to start: " + KEY + " is not set, so it could not "
                    + "tell the other Sparky services from anyone else; " + HOW_TO_SET);
        }
        if (v.length() < MIN_LENGTH) {
            throw new IllegalStateException(service + " refuses to start: " + KEY + " has " + v.length()
                    + " characters, fewer than " + MIN_LENGTH + "; " + HOW_TO_SET);
        }
        return new ServiceToken(v);
    }

    /** The value of the {@code Authorization} header a caller sends. Never log it. */
    public String authorization() {
        return SCHEME + value;
    }

    /** True when {@code presented} is this token. Compares digests in constant time: timing tells nothing. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The token of a {@code Bearer} authorization header, or empty for another scheme or none. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String t = authorization.substring(SCHEME.length()).trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    @Override
    public String toString() {
        return "ServiceToken[***]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
