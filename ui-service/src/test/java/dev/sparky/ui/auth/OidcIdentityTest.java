package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OIDC users are "oidc:<claim>": never a local user, nor an admin or ACL entry written for one. */
class OidcIdentityTest {
    @TempDir
    Path dir;

    private Authenticator authenticator(String admins) throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(
                users,
                "users:\n  - {name: alice, password: '" + PasswordHashesTest.bcrypt("pw") + "'}\n" + "admins: " + admins
                        + "\n");
        SessionCodec codec = new SessionCodec(AuthOnProfile.SECRET.getBytes(), Clock.systemUTC(), Duration.ofHours(1));
        return new Authenticator(codec, new UserDirectory(users, Clock.systemUTC()), null);
    }

    @Test
    void anOidcAliceIsNotTheLocalAdminAlice() throws Exception {
        Authenticator auth = authenticator("[alice]");
        var session = auth.session(auth.codec().issue(Authenticator.oidcUser("alice"), Authenticator.OIDC))
                .orElseThrow();
        Caller caller = auth.caller(session);
        assertEquals("oidc:alice", caller.name());
        assertFalse(caller.admin());
        assertTrue(auth.caller(auth.session(auth.codec().issue("alice", Authenticator.PASSWORD))
                        .orElseThrow())
                .admin());
    }

    @Test
    void adminsAndAclNameOidcUsersWithThePrefix() throws Exception {
        Authenticator auth = authenticator("[\"oidc:alice\"]");
        var session = auth.session(auth.codec().issue("oidc:alice", Authenticator.OIDC))
                .orElseThrow();
        assertTrue(auth.caller(session).admin());
        AccessList acl = AccessList.parse(
                "projects:\n  release:\n    allow: {users: [alice]}\n"
                        + "  web:\n    allow: {users: [\"oidc:alice\"]}\n",
                "acl.yaml");
        assertFalse(acl.allows("oidc:alice", "release"));
        assertTrue(acl.allows("alice", "release"));
        assertTrue(acl.allows("oidc:alice", "web"));
    }

    @Test
    void anOidcSessionWithoutThePrefixIsNoSession() throws Exception {
        Authenticator auth = authenticator("[alice]");
        assertTrue(
                auth.session(auth.codec().issue("alice", Authenticator.OIDC)).isEmpty(),
                "a session of an older version, or forged with the password origin's name, ends");
        assertTrue(auth.session(auth.codec().issue("oidc:alice", Authenticator.PASSWORD))
                .isEmpty());
        assertTrue(auth.session(auth.codec().issue("oidc:alice", "other")).isEmpty());
        assertFalse(Users.NAME.matcher("oidc:alice").matches(), "no local user can be named oidc:...");
    }
}
