package dev.sparky.ui.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Auth on, with a users file (alice: admin; bob; mallory) and an ACL (bob may not touch "off"... and nobody
 * but alice may build "hello" when {@code restrictHello}), written before the service starts.
 */
public class AuthOnProfile implements QuarkusTestProfile {
    static final Path DIR = Path.of("target/auth-test");
    static final String SECRET = "test-session-secret-0123456789abcdef";

    static final String ACL = """
            global:
              allow: {users: ["*"]}
              deny: {users: [mallory]}
            projects:
              hello:
                allow: {users: [alice, bob]}
              broken:
                deny: {users: [bob]}
            """;

    protected boolean publicRead() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(DIR);
            Files.writeString(
                    DIR.resolve("users.yaml"),
                    "users:\n"
                            + "  - {name: alice, password: '" + PasswordHashesTest.bcrypt("alice-pw") + "'}\n"
                            + "  - {name: bob, password: '" + PasswordHashesTest.argon2id("bob-pw") + "'}\n"
                            + "  - {name: mallory, password: '" + PasswordHashesTest.bcrypt("mallory-pw") + "'}\n"
                            + "admins: [alice]\n");
            Files.writeString(DIR.resolve("acl.yaml"), ACL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "sparky.auth.mode",
                "on",
                "sparky.auth.public-read",
                String.valueOf(publicRead()),
                "sparky.auth.users-file",
                DIR.resolve("users.yaml").toString(),
                "sparky.auth.acl-file",
                DIR.resolve("acl.yaml").toString(),
                "sparky.auth.session-secret",
                SECRET,
                "sparky.auth.token-cache-ttl",
                "0s");
    }

    /** The same, with reads restricted too. */
    public static class PrivateRead extends AuthOnProfile {
        @Override
        protected boolean publicRead() {
            return false;
        }
    }
}
