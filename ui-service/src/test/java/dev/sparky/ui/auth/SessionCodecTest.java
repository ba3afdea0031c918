package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Signed sessions: accepted by any replica with the key, refused when forged, tampered or expired. */
class SessionCodecTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    final UserDirectoryTest.MutableTime clock = new UserDirectoryTest.MutableTime();
    final SessionCodec codec = new SessionCodec(KEY, clock, Duration.ofHours(12));

    @Test
    void anotherReplicaWithTheSameKeyReadsTheSession() {
        String cookie = codec.issue("alice", "password");
        SessionCodec other = new SessionCodec(KEY.clone(), clock, Duration.ofHours(12));
        var s = other.read(cookie).orElseThrow();
        assertEquals("alice", s.user());
        assertEquals("password", s.origin());
        assertTrue(other.csrfMatches(s, codec.csrfToken(s)));
        assertNotEquals(codec.issue("alice", "password"), cookie, "a fresh random id every time");
    }

    @Test
    void forgedTamperedAndExpiredSessionsAreRefused() {
        String cookie = codec.issue("alice", "password");
        SessionCodec otherKey = new SessionCodec(
                "another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8), clock, Duration.ofHours(12));
        assertTrue(otherKey.read(cookie).isEmpty());
        String payload = cookie.substring(0, cookie.indexOf('.'));
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                        .replace("alice", "admin")
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(codec.read(forged + cookie.substring(cookie.indexOf('.'))).isEmpty());
        assertTrue(codec.read("garbage").isEmpty());
        assertTrue(codec.read(null).isEmpty());
        clock.now = clock.now.plus(Duration.ofHours(12));
        assertTrue(codec.read(cookie).isEmpty(), "12 h later the session is over");
    }

    @Test
    void csrfTokenBelongsToOneSession() {
        var a = codec.read(codec.issue("alice", "password")).orElseThrow();
        var b = codec.read(codec.issue("alice", "password")).orElseThrow();
        assertFalse(codec.csrfMatches(a, codec.csrfToken(b)));
        assertFalse(codec.csrfMatches(a, null));
        assertFalse(codec.csrfMatches(a, ""));
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new SessionCodec("short".getBytes(StandardCharsets.UTF_8), clock, Duration.ofHours(1)));
    }
}
