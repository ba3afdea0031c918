package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The users and ACL files: plain data, errors at file:line:column without the file's secrets. */
class YamlFilesTest {

    @Test
    void plainDataWithTypedScalars() {
        assertEquals(
                Map.of("admins", List.of("alice"), "open", true),
                YamlFiles.read("admins: [alice]\nopen: true\n", "u.yaml"));
        assertEquals(Map.of(), YamlFiles.read("# nobody yet\n", "u.yaml"));
    }

    @Test
    void aBrokenFileIsNamedWithLineAndColumnButNotQuoted() {
        String hash = "$2y$10$abcdefghijklmnopqrstuvSECRETHASHxxxxxxxxxxxxxxxxxxxxx";
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> YamlFiles.read("users:\n  - name: alice\n    password: '" + hash + "\n", "users.yaml"));
        assertTrue(e.getMessage().startsWith("users.yaml:"), e.getMessage());
        assertTrue(e.getMessage().matches("users\\.yaml:\\d+:\\d+: not valid YAML \\(.*\\)"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRETHASH"), e.getMessage());
    }

    @Test
    void aUserGivenTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> YamlFiles.read("projects:\n  p: {users: [a]}\n  p: {users: [b]}\n", "acl.yaml"));
        assertEquals("acl.yaml:3:3: not valid YAML (key 'p' appears twice)", e.getMessage());
    }

    @Test
    void aClassTagIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> YamlFiles.read("users: !!java.io.File /etc/passwd\n", "users.yaml"));
        assertTrue(e.getMessage().startsWith("users.yaml:1:"), e.getMessage());
    }
}
