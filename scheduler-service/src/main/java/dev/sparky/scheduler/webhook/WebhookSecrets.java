package dev.sparky.scheduler.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which secret signs a push of which repository: one per repository from the secrets file, else the global
 * secret. No secret at all means push webhooks are off. A payload may name its repository under several
 * addresses; they must all lead to the same secret, so a sender that knows one repository's secret cannot
 * add another repository's address to its payload and trigger that repository's projects.
 */
final class WebhookSecrets {
    static final String HOW_TO_TURN_ON = "set sparky.scheduler.webhook-secret (SPARKY_SCHEDULER_WEBHOOK_SECRET) "
            + "or per-repository secrets in sparky.scheduler.webhook-secrets-file (SPARKY_SCHEDULER_WEBHOOK_SECRETS_FILE)";

    private final Optional<String> global;
    private final Map<RepoKey, String> perRepository;

    WebhookSecrets(Optional<String> global, Map<RepoKey, String> perRepository) {
        this.global = global.filter(s -> !s.isBlank());
        this.perRepository = Map.copyOf(perRepository);
    }

    static WebhookSecrets global(Optional<String> secret) {
        return new WebhookSecrets(secret, Map.of());
    }

    /**
     * Reads the secrets file: one repository a line, {@code <repository url> <secret>}, separated by white
     * space; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the file and line (never the secret) when a line is not so
     */
    static Map<RepoKey, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "webhook secrets file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<RepoKey, String> secrets = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String where = "webhook secrets file " + file + " line " + (i + 1) + ": ";
            if (parts.length < 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException(where + "expected '<repository url> <secret>'");
            }
            RepoKey key = RepoKey.of(parts[0])
                    .orElseThrow(() ->
                            new IllegalArgumentException(where + "'" + parts[0] + "' is not a repository address"));
            if (secrets.put(key, parts[1].strip()) != null) {
                throw new IllegalArgumentException(where + "repository " + key + " is listed twice");
            }
        }
        return secrets;
    }

    /** False: no secret anywhere, push webhooks are off. */
    boolean enabled() {
        return global.isPresent() || !perRepository.isEmpty();
    }

    int repositories() {
        return perRepository.size();
    }

    /** @throws WebhookException 403 saying which setting turns webhooks on, when none is set */
    void requireEnabled() throws WebhookException {
        if (!enabled()) {
            throw new WebhookException(403, "Forbidden", "push webhooks are off: " + HOW_TO_TURN_ON);
        }
    }

    /**
     * The one secret that must sign a push naming these repository addresses.
     *
     * @throws WebhookException 403 when a repository has no secret, 400 when they have different secrets
     */
    String secretFor(Collection<String> urls) throws WebhookException {
        requireEnabled();
        Set<RepoKey> keys = new HashSet<>();
        urls.forEach(u -> RepoKey.of(u).ifPresent(keys::add));
        if (keys.isEmpty()) {
            return global.orElseThrow(() -> new WebhookException(
                    403,
                    "Forbidden",
                    "the payload names no "
                            + "repository and there is no global webhook secret (sparky.scheduler.webhook-secret)"));
        }
        Set<String> secrets = new HashSet<>();
        Set<String> names = new TreeSet<>();
        for (RepoKey key : keys) {
            String secret = perRepository.get(key);
            if (secret == null) {
                secret = global.orElseThrow(() -> new WebhookException(
                        403,
                        "Forbidden",
                        "no webhook secret for "
                                + "repository " + key + ": add it to sparky.scheduler.webhook-secrets-file or set "
                                + "sparky.scheduler.webhook-secret"));
            }
            secrets.add(secret);
            names.add(key.toString());
        }
        if (secrets.size() > 1) {
            throw WebhookException.badRequest("the payload names repositories with different webhook secrets ("
                    + String.join(", ", names) + "): a push names one repository");
        }
        return secrets.iterator().next();
    }
}
