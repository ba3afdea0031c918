package dev.sparky.internalapi;

import java.time.Instant;
import java.util.List;

/**
 * An API token as the internal API shows it: never the token, never its hash.
 *
 * @param projects project names or {@code "*"}
 * @param actions run, cancel, read
 */
public record ApiTokenView(
        String id,
        String name,
        List<String> projects,
        List<String> actions,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {}
