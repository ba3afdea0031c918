package dev.sparky.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceTokenTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void matchesOnlyItself() {
        ServiceToken t = ServiceToken.require(Optional.of(SECRET), "dispatcher");
        assertTrue(t.matches(SECRET));
        assertFalse(t.matches(SECRET + "0"));
        assertFalse(t.matches(SECRET.substring(1)));
        assertFalse(t.matches(""));
        assertFalse(t.matches(null));
    }

    @Test
    void missingTokenRefusesWithHowToSetIt() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> ServiceToken.require(Optional.empty(), "dispatcher"));
        assertTrue(e.getMessage().contains("sparky.service.token is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("SPARKY_SERVICE_TOKEN"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ServiceToken.require(Optional.of("   "), "dispatcher"));
    }

    @Test
    void shortTokenRefused() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> ServiceToken.require(Optional.of("changeme"), "runner"));
        assertTrue(e.getMessage().contains("8 characters, fewer than 32"), e.getMessage());
    }

    @Test
    void bearerHeaderReadAndWritten() {
        ServiceToken t = ServiceToken.require(Optional.of(SECRET), "ui");
        assertEquals(Optional.of(SECRET), ServiceToken.bearer(t.authorization()));
        assertEquals(Optional.of(SECRET), ServiceToken.bearer("bearer " + SECRET));
        assertEquals(Optional.empty(), ServiceToken.bearer("Basic abc"));
        assertEquals(Optional.empty(), ServiceToken.bearer("Bearer "));
        assertEquals(Optional.empty(), ServiceToken.bearer(null));
        assertFalse(t.toString().contains(SECRET));
    }
}
