package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionSecretsTest {

    @Test
    void guessableSecretsAreRefusedSayingHowToMakeOne() {
        String k8sExample = "replace-with-48-random-bytes-base64-encoded-please";
        for (String weak : new String[] {
            "short-secret",
            "a".repeat(48),
            k8sExample,
            "change-me-change-me-change-me-change-me",
            "CHANGEME0123456789012345678901234567"
        }) {
            String why = SessionSecrets.weakness(weak).orElseThrow(() -> new AssertionError(weak + " accepted"));
            assertTrue(why.contains("SPARKY_AUTH_SESSION_SECRET"), why);
            assertTrue(why.contains("openssl rand -base64 48"), why);
        }
        assertTrue(SessionSecrets.weakness("short").orElseThrow().contains("at least 32"));
    }

    @Test
    void theKubernetesExampleSecretIsRefused() throws IOException {
        Path example = Path.of("../k8s/base/auth-secret.example.yaml");
        String text = Files.readString(example);
        var m = java.util.regex.Pattern.compile("SPARKY_AUTH_SESSION_SECRET: \"([^\"]+)\"")
                .matcher(text);
        assertTrue(m.find(), "the example still sets a placeholder");
        assertTrue(SessionSecrets.weakness(m.group(1)).isPresent(), m.group(1));
    }

    @Test
    void aRandomSecretIsAccepted() {
        assertEquals(Optional.empty(), SessionSecrets.weakness("q3V2b0bYk0T1nJ8mW1sRrX9cY2pLzA7eK5uH4dF6gQ8vN0jM"));
        assertEquals(Optional.empty(), SessionSecrets.weakness(AuthOnProfile.SECRET));
    }
}
