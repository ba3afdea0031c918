package dev.sparky.ui.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed sessions: the cookie holds a random 32-byte session id, the user, where the login came from, and
 * when it was issued and expires, signed with HMAC-SHA256. Any replica with the same key accepts it, so no
 * session store is shared. The CSRF token of a session is an HMAC of its id: pages get it, an attacker's
 * page cannot compute it.
 */
public final class SessionCodec {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String VERSION = "1";
    /** A session issued this far in the future is refused (clocks of replicas drift a little, not more). */
    private static final long SKEW_SECONDS = 300;

    /** A valid session. @param origin "password" or "oidc" */
    public record Session(String id, String user, String origin, long issuedAt, long expiresAt) {}

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public SessionCodec(byte[] secret, Clock clock, Duration ttl) {
        if (secret.length < 32) {
            throw new IllegalArgumentException(
                    "sparky.auth.session-secret must be at least 32 characters; " + SessionSecrets.HOW);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A new session for the user, as the cookie value. */
    public String issue(String user, String origin) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        long now = clock.instant().getEpochSecond();
        String payload = String.join(
                "\n",
                VERSION,
                B64.encodeToString(id),
                origin,
                user,
                Long.toString(now),
                Long.toString(now + ttl.toSeconds()));
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + B64.encodeToString(mac(encoded));
    }

    /** @return the session when the cookie is well-formed, signed with our key and not expired */
    public Optional<Session> read(String cookie) {
        if (cookie == null || cookie.length() > 2048) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = cookie.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(mac(encoded), B64D.decode(cookie.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] f = new String(B64D.decode(encoded), StandardCharsets.UTF_8).split("\n", -1);
            if (f.length != 6 || !VERSION.equals(f[0])) {
                return Optional.empty();
            }
            Session s = new Session(f[1], f[3], f[2], Long.parseLong(f[4]), Long.parseLong(f[5]));
            long now = clock.instant().getEpochSecond();
            return now < s.expiresAt() && s.issuedAt() <= now + SKEW_SECONDS ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // bad base64 or number: not ours
        }
    }

    /** The CSRF token of a session: pages send it back in X-CSRF-Token or a form field. */
    public String csrfToken(Session session) {
        return B64.encodeToString(mac("csrf\n" + session.id()));
    }

    public boolean csrfMatches(Session session, String token) {
        return token != null
                && MessageDigest.isEqual(
                        csrfToken(session).getBytes(StandardCharsets.US_ASCII),
                        token.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** A random value for the login form's double-submit cookie. */
    public String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
