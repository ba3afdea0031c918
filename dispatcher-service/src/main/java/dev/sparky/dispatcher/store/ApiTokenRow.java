package dev.sparky.dispatcher.store;

import java.time.Instant;
import java.util.List;

/**
 * An API token as stored and as the internal API shows it: never the token, never its hash.
 *
 * @param projects project names or "*"
 * @param actions run, cancel, read
 */
public record ApiTokenRow(
        String id,
        String name,
        List<String> projects,
        List<String> actions,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {}
