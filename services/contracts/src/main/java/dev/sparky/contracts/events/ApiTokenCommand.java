package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Command on {@code sparky.build-commands} (key {@link #KEY}) that the dispatcher, the only writer of the
 * database, applies: {@code create-api-token} stores a token's SHA-256 and scopes, {@code revoke-api-token}
 * marks it revoked. The token itself never travels. Sent by the UI service, read by the dispatcher; told apart
 * from {@link CancelBuild} by its {@code command} field. JSON shape documented in docs/security.md.
 */
public record ApiTokenCommand(
        int schemaVersion,
        String eventId,
        String command,
        String tokenId,
        String name,
        String tokenHash,
        List<String> projects,
        List<String> actions,
        Instant expiresAt,
        String requestedBy,
        Instant at) {
    public static final String KEY = "api-tokens";
    public static final String CREATE = "create-api-token";
    public static final String REVOKE = "revoke-api-token";

    public static ApiTokenCommand create(
            String tokenId,
            String name,
            String tokenHash,
            List<String> projects,
            List<String> actions,
            Instant expiresAt,
            String requestedBy) {
        return new ApiTokenCommand(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                CREATE,
                tokenId,
                name,
                tokenHash,
                projects,
                actions,
                expiresAt,
                requestedBy,
                Instant.now());
    }

    public static ApiTokenCommand revoke(String tokenId, String requestedBy) {
        return new ApiTokenCommand(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                REVOKE,
                tokenId,
                null,
                null,
                null,
                null,
                null,
                requestedBy,
                Instant.now());
    }
}
