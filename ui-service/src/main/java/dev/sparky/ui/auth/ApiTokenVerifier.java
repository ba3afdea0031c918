package dev.sparky.ui.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks API tokens with the dispatcher and trusts a positive answer for at most 5 s, so a script calling
 * in a loop costs few round trips while a revoked token stops working within 5 s. Cache keys are hashes.
 */
public final class ApiTokenVerifier {
    static final Duration MAX_TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(ApiTokenGrant grant, Instant until) {}

    private final ApiTokenClient dispatcher;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public ApiTokenVerifier(ApiTokenClient dispatcher, Clock clock, Duration ttl) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.ttl = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }

    /** @return the grant of a valid token; empty for a malformed, unknown, revoked or expired one */
    public Optional<ApiTokenGrant> verify(String token) {
        if (!ApiTokens.wellFormed(token)) {
            return Optional.empty();
        }
        String key = ApiTokens.hash(token);
        Instant now = clock.instant();
        Entry e = cache.get(key);
        if (e != null && now.isBefore(e.until()) && !expired(e.grant(), now)) {
            return Optional.of(e.grant());
        }
        cache.remove(key);
        Optional<ApiTokenGrant> grant = dispatcher.verify(token).filter(g -> !expired(g, now));
        if (grant.isPresent() && !ttl.isZero() && !ttl.isNegative()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear(); // a flood of distinct tokens: forgetting costs only a round trip each
            }
            cache.put(key, new Entry(grant.get(), now.plus(ttl)));
        }
        return grant;
    }

    private static boolean expired(ApiTokenGrant g, Instant now) {
        return g.expiresAt() != null && !now.isBefore(g.expiresAt());
    }
}
