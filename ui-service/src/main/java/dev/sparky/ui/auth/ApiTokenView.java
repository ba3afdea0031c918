package dev.sparky.ui.auth;

import java.time.Instant;
import java.util.List;

/** An API token as listed to admins: never its secret nor its hash. */
public record ApiTokenView(
        String id,
        String name,
        List<String> projects,
        List<String> actions,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {}
