package dev.sparky.ui.jobapi;

import dev.sparky.ui.dispatcher.JobCaller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens the dispatcher confirmed lately, so a build that polls or uploads in a loop does not cost a
 * dispatcher round trip per request. Only positive answers are kept, and for at most 5 s: a token must
 * stop working soon after its build ended. Keys are SHA-256 hashes, so no token is held in memory here.
 */
public final class TokenCache {
    static final Duration MAX_TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(JobCaller caller, Instant until) {}

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public TokenCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }

    public Optional<JobCaller> get(String token) {
        String key = key(token);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(e.until())) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.caller());
    }

    public void put(String token, JobCaller caller) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            evictExpired();
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // a flood of distinct tokens: forgetting costs only a round trip each
            }
        }
        entries.put(key(token), new Entry(caller, clock.instant().plus(ttl)));
    }

    int size() {
        return entries.size();
    }

    private void evictExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.until()));
    }

    static String key(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
