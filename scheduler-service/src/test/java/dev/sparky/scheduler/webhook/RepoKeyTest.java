package dev.sparky.scheduler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every address form of one repository compares equal; different repositories do not. */
class RepoKeyTest {
    private static final RepoKey APP = new RepoKey("github.com", "org/app");

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "https://github.com/org/app.git",
                "https://github.com/org/app",
                "https://github.com/org/app/",
                "https://github.com/org/app.git/",
                "https://GitHub.COM/org/app.git",
                "http://github.com/org/app",
                "https://user:token@github.com/org/app.git",
                "https://github.com:443/org/app.git",
                "git@github.com:org/app.git",
                "git@github.com:/org/app.git",
                "github.com:org/app",
                "ssh://git@github.com/org/app.git",
                "ssh://git@github.com:22/org/app.git",
                "git://github.com/org/app.git",
                "  https://github.com/org/app.git  ",
            })
    void everyFormOfOneRepositoryIsTheSameKey(String url) {
        assertEquals(APP, RepoKey.of(url).orElseThrow());
    }

    @Test
    void pathsKeepTheirCaseAndTheirDepth() {
        assertNotEquals(APP, RepoKey.of("https://github.com/org/App.git").orElseThrow());
        assertNotEquals(APP, RepoKey.of("https://github.com/org/app-2.git").orElseThrow());
        assertNotEquals(APP, RepoKey.of("https://gitlab.com/org/app.git").orElseThrow());
        assertEquals(
                new RepoKey("gitlab.example.com", "group/sub/app"),
                RepoKey.of("ssh://git@gitlab.example.com:2222/group/sub/app.git")
                        .orElseThrow());
    }

    @Test
    void localRepositoriesCompareByPath() {
        RepoKey local = new RepoKey("", "srv/git/app");
        assertEquals(local, RepoKey.of("file:///srv/git/app.git").orElseThrow());
        assertEquals(local, RepoKey.of("/srv/git/app.git/").orElseThrow());
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertEquals(
                new RepoKey("[::1]", "org/app"),
                RepoKey.of("https://[::1]:8443/org/app.git").orElseThrow());
    }

    @Test
    void whatIsNoRepositoryHasNoKey() {
        assertTrue(RepoKey.of(null).isEmpty());
        assertTrue(RepoKey.of("  ").isEmpty());
        assertTrue(RepoKey.of("https://github.com/").isEmpty());
        assertTrue(RepoKey.of("app").isEmpty());
        assertTrue(RepoKey.of("https://github.com/.git").isEmpty());
    }

    @Test
    void shownWithoutCredentials() {
        assertEquals(
                "github.com/org/app",
                RepoKey.of("https://user:secret@github.com/org/app.git")
                        .orElseThrow()
                        .toString());
    }
}
