package dev.sparky.dispatcher.store;

import java.util.List;

/** Job API tokens (one per running attempt) and API tokens, by their hashes only. */
public interface TokenRepository {

    /**
     * Binds a job API token to the build's current attempt: only its SHA-256 (hex) is stored, replacing the
     * previous attempt's, which stops working.
     */
    void saveJobToken(long buildId, int attempt, String tokenHash, long at);

    /** The build's job API token stops working (the attempt ended or the build is terminal). */
    void deleteJobToken(long buildId);

    /**
     * Stores an API token's hash and scopes; the same id again changes nothing (a command applied twice).
     *
     * @param expiresAt epoch millis, or null for never
     */
    void insertApiToken(
            String id,
            String name,
            String tokenHash,
            List<String> projects,
            List<String> actions,
            String createdBy,
            long at,
            Long expiresAt);

    /** @return true when the token existed and was not revoked before */
    boolean revokeApiToken(String id, long at);
}
