package dev.sparky.dispatcher.engine;

import java.time.Instant;
import java.util.List;

/**
 * An API token command on {@code sparky.build-commands} (key "api-tokens"), sent by the UI service; told
 * apart from a CancelBuild by its {@code command} field. Shape documented in docs/security.md. It carries
 * the token's SHA-256 only, never the token.
 */
public record ApiTokenCommand(int schemaVersion, String eventId, String command, String tokenId, String name,
        String tokenHash, List<String> projects, List<String> actions, Instant expiresAt, String requestedBy,
        Instant at) {
    public static final String CREATE = "create-api-token";
    public static final String REVOKE = "revoke-api-token";
}
