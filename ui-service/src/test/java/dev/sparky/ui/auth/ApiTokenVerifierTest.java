package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** API token checks: cached at most 5 s, so a revoked token stops working within 5 s; expiry honoured. */
class ApiTokenVerifierTest {
    final UserDirectoryTest.MutableTime clock = new UserDirectoryTest.MutableTime();
    final Map<String, ApiTokenGrant> store = new HashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    final ApiTokenClient dispatcher = new ApiTokenClient() {
        @Override
        public Optional<ApiTokenGrant> verify(String token) {
            calls.incrementAndGet();
            return Optional.ofNullable(store.get(ApiTokens.hash(token)));
        }

        @Override
        public List<ApiTokenView> list() {
            return List.of();
        }
    };
    final ApiTokens tokens = new ApiTokens(new SecureRandom());

    @Test
    void revokedTokenStopsWorkingWithinTheCacheTime() {
        ApiTokenVerifier v = new ApiTokenVerifier(dispatcher, clock, Duration.ofMinutes(1));
        String t = tokens.newToken();
        store.put(ApiTokens.hash(t), grant(null));
        assertTrue(v.verify(t).isPresent());
        assertTrue(v.verify(t).isPresent());
        assertEquals(1, calls.get(), "the second check came from the cache");
        store.clear(); // revoked
        clock.now = clock.now.plusSeconds(5);
        assertTrue(v.verify(t).isEmpty(), "the cache never trusts for more than 5 s, whatever is configured");
    }

    @Test
    void expiredAndMalformedTokensAreRefusedWithoutAskingTwice() {
        ApiTokenVerifier v = new ApiTokenVerifier(dispatcher, clock, Duration.ofSeconds(5));
        String t = tokens.newToken();
        store.put(ApiTokens.hash(t), grant(clock.now.plusSeconds(2)));
        assertTrue(v.verify(t).isPresent());
        clock.now = clock.now.plusSeconds(3);
        assertTrue(v.verify(t).isEmpty());
        calls.set(0);
        assertTrue(v.verify("spk_short").isEmpty());
        assertTrue(v.verify("Bearer " + t).isEmpty());
        assertEquals(0, calls.get(), "garbage never reaches the dispatcher");
        assertTrue(t.startsWith("spk_") && t.length() == 47, t.length() + "");
    }

    private static ApiTokenGrant grant(Instant expires) {
        return new ApiTokenGrant("abcdefghijklmnop", "ci", List.of("*"), List.of("run"), "alice", expires);
    }
}
