package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.dispatcher.store.TokenRepository;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Applies API token commands: create stores the hash and scopes, revoke marks the token revoked. Both are
 * idempotent (a batch applied again after a crash changes nothing more). Nothing secret is logged: the
 * log names the token's id and name only.
 */
final class ApiTokenHandler {
    private static final Logger LOG = Logger.getLogger(ApiTokenHandler.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9]{16}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");
    private static final Pattern PROJECT = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> ACTIONS = Set.of("run", "cancel", "read");

    private final TokenRepository repo;
    private final Clock clock;

    ApiTokenHandler(TokenRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    void apply(ApiTokenCommand c) {
        if (c.tokenId() == null || !ID.matcher(c.tokenId()).matches()) {
            throw new MalformedEventException("API token command without a valid tokenId");
        }
        switch (c.command()) {
            case ApiTokenCommand.CREATE -> create(c);
            case ApiTokenCommand.REVOKE -> {
                if (repo.revokeApiToken(c.tokenId(), clock.millis())) {
                    LOG.infof("API token %s revoked by %s", c.tokenId(), c.requestedBy());
                }
            }
            default -> throw new MalformedEventException("unknown command '" + c.command() + "'");
        }
    }

    private void create(ApiTokenCommand c) {
        if (c.tokenHash() == null || !HASH.matcher(c.tokenHash()).matches()) {
            throw new MalformedEventException("create-api-token " + c.tokenId() + ": tokenHash must be SHA-256 hex");
        }
        if (c.name() == null || !NAME.matcher(c.name()).matches()) {
            throw new MalformedEventException("create-api-token " + c.tokenId() + ": invalid name");
        }
        List<String> projects = c.projects() == null ? List.of() : c.projects();
        List<String> actions = c.actions() == null ? List.of() : c.actions();
        if (projects.isEmpty()
                || !projects.stream()
                        .allMatch(p -> p != null && PROJECT.matcher(p).matches())) {
            throw new MalformedEventException("create-api-token " + c.tokenId() + ": projects must be names or *");
        }
        if (actions.isEmpty() || !ACTIONS.containsAll(actions)) {
            throw new MalformedEventException(
                    "create-api-token " + c.tokenId() + ": actions must be run, cancel, read");
        }
        repo.insertApiToken(
                c.tokenId(),
                c.name(),
                c.tokenHash(),
                projects,
                actions,
                c.requestedBy(),
                clock.millis(),
                c.expiresAt() == null ? null : c.expiresAt().toEpochMilli());
        LOG.infof(
                "API token %s (%s) created by %s for projects %s, actions %s",
                c.tokenId(), c.name(), c.requestedBy(), projects, actions);
    }
}
