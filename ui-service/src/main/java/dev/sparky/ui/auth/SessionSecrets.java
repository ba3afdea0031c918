package dev.sparky.ui.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses session secrets that anyone could guess: whoever knows the key can sign a session for any user,
 * admins included. Too short, a single repeated character, or a placeholder from the examples (the
 * Kubernetes Secret template, docs) is refused at start, with auth on, saying how to make a real one.
 */
public final class SessionSecrets {
    public static final int MIN_LENGTH = 32;
    public static final String HOW = "make one with: openssl rand -base64 48";
    /** Placeholders of the examples (k8s/base/auth-secret.example.yaml) and the words such placeholders use. */
    static final List<String> PLACEHOLDERS = List.of(
            "replace-with",
            "change-me",
            "changeme",
            "change_me",
            "your-secret",
            "secret-here",
            "placeholder",
            "example");

    private SessionSecrets() {}

    /** @return why the secret must not be used, or empty when it is acceptable */
    public static Optional<String> weakness(String secret) {
        if (secret.length() < MIN_LENGTH) {
            return Optional.of("sparky.auth.session-secret (SPARKY_AUTH_SESSION_SECRET) is " + secret.length()
                    + " characters long: it must have at least " + MIN_LENGTH + "; " + HOW);
        }
        if (secret.chars().distinct().count() == 1) {
            return Optional.of(
                    "sparky.auth.session-secret (SPARKY_AUTH_SESSION_SECRET) is one character repeated; " + HOW);
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String p : PLACEHOLDERS) {
            if (lower.contains(p)) {
                return Optional.of("sparky.auth.session-secret (SPARKY_AUTH_SESSION_SECRET) is a placeholder (it "
                        + "contains '" + p + "'), which anyone who read the examples knows; " + HOW);
            }
        }
        return Optional.empty();
    }
}
