package dev.sparky.ui.auth;

import java.time.Instant;
import java.util.List;

/**
 * What an API token allows, as the dispatcher answers a verification (never the token or its hash).
 *
 * @param projects project names or {@code "*"}
 * @param actions run, cancel, read
 */
public record ApiTokenGrant(
        String id, String name, List<String> projects, List<String> actions, String createdBy, Instant expiresAt) {}
