package dev.sparky.ui.jobapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.testing.MutableClock;
import dev.sparky.ui.dispatcher.JobCaller;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    final MutableClock clock = new MutableClock();
    final JobCaller caller = new JobCaller(5, "hello", "j", 1);

    @Test
    void keepsAConfirmedTokenForTheTtlOnly() {
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(2));
        cache.put("secret-token", caller);
        clock.advance(Duration.ofMillis(1999));
        assertEquals(caller, cache.get("secret-token").orElseThrow());
        clock.advance(Duration.ofMillis(1));
        assertTrue(cache.get("secret-token").isEmpty());
        assertEquals(0, cache.size(), "an expired entry is dropped when seen");
    }

    @Test
    void neverTrustsLongerThanFiveSeconds() {
        TokenCache cache = new TokenCache(clock, Duration.ofMinutes(10));
        cache.put("t", caller);
        clock.advance(Duration.ofSeconds(5));
        assertTrue(cache.get("t").isEmpty());
    }

    @Test
    void zeroTtlCachesNothingAndOtherTokensMiss() {
        TokenCache off = new TokenCache(clock, Duration.ZERO);
        off.put("t", caller);
        assertTrue(off.get("t").isEmpty());
        TokenCache on = new TokenCache(clock, Duration.ofSeconds(5));
        on.put("t", caller);
        assertTrue(on.get("u").isEmpty());
    }

    @Test
    void keysAreHashesNotTokens() {
        String key = TokenCache.key("secret-token");
        assertEquals(64, key.length());
        assertFalse(key.contains("secret"));
    }

    @Test
    void aFloodOfTokensStaysBounded() {
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(5));
        for (int i = 0; i < TokenCache.MAX_ENTRIES + 10; i++) {
            cache.put("token-" + i, caller);
        }
        assertTrue(cache.size() <= TokenCache.MAX_ENTRIES);
    }
}
