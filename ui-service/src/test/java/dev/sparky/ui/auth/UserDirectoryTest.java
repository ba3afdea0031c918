package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file: logins, admins, re-reading, and refusing files a person got wrong. */
class UserDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void logsInWithTheRightPasswordOnly() throws Exception {
        Path f = write("users:\n  - name: alice\n    password: \"" + PasswordHashesTest.bcrypt("pw-a") + "\"\n"
                + "  - {name: bob, password: '" + PasswordHashesTest.argon2id("pw-b") + "'}\nadmins: [alice]\n");
        UserDirectory users = new UserDirectory(f, Clock.systemUTC());
        assertEquals(Optional.of("alice"), users.authenticate("alice", "pw-a"));
        assertEquals(Optional.of("bob"), users.authenticate("bob", "pw-b"));
        assertEquals(Optional.empty(), users.authenticate("alice", "pw-b"));
        assertEquals(Optional.empty(), users.authenticate("carol", "pw-a"));
        assertTrue(users.isAdmin("alice"));
        assertFalse(users.isAdmin("bob"));
    }

    @Test
    void readsTheFileAgainWhenItChanges() throws Exception {
        Path f = write("users:\n  - {name: alice, password: '" + PasswordHashesTest.bcrypt("old") + "'}\n");
        MutableTime clock = new MutableTime();
        UserDirectory users = new UserDirectory(f, clock);
        assertTrue(users.authenticate("alice", "old").isPresent());
        Files.writeString(f, "users:\n  - {name: alice, password: '" + PasswordHashesTest.bcrypt("new") + "'}\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
        clock.now = clock.now.plusSeconds(2);
        assertTrue(users.authenticate("alice", "new").isPresent());
        assertFalse(users.authenticate("alice", "old").isPresent());
        Files.delete(f);
        clock.now = clock.now.plusSeconds(2);
        assertFalse(users.exists("alice"));
    }

    @Test
    void refusesPlainPasswordsAndBadNamesNamingTheEntry() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Users.parse("users:\n  - {name: alice, password: hunter2}\n", "users.yaml"));
        assertTrue(e.getMessage().contains("users.yaml: users[0] (alice)"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Users.parse("users:\n  - {name: '<b>x', password: x}\n", "users.yaml"));
        assertTrue(e.getMessage().contains("name must match"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Users.parse("users: [\n", "users.yaml"));
        assertTrue(e.getMessage().startsWith("users.yaml:"), e.getMessage());
    }

    @Test
    void aUserWithoutPasswordCannotLogInAndIsToldToHaveOneSet() throws Exception {
        Path f = write("users:\n  - {name: alice, password: '" + PasswordHashesTest.bcrypt("pw") + "'}\n"
                + "  - {name: ops, mustSetPassword: true}\n");
        UserDirectory users = new UserDirectory(f, Clock.systemUTC());
        assertFalse(users.authenticate("ops", "").isPresent());
        assertFalse(users.authenticate("ops", "anything").isPresent());
        assertTrue(users.mustSetPassword("ops"));
        assertFalse(users.mustSetPassword("alice"));
        assertFalse(users.mustSetPassword("nobody"));
        assertTrue(users.authenticate("alice", "pw").isPresent());
        // mustSetPassword is no way around the hash rule: a plain password beside it is still refused.
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Users.parse("users:\n  - {name: ops, password: hunter2, mustSetPassword: true}\n", "users.yaml"));
        assertFalse(e.getMessage().contains("hunter2"));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Users.parse("users:\n  - {name: ops, mustSetPassword: false}\n", "users.yaml"));
        assertTrue(e.getMessage().contains("users[0] (ops)"), e.getMessage());
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("users.yaml"), text);
    }

    /** A clock the test moves. */
    static final class MutableTime extends Clock {
        Instant now = Instant.parse("2026-11-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
