package dev.sparky.scheduler.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks who sent a push. Every comparison runs in constant time ({@link MessageDigest#isEqual} on values of
 * equal length), so the answer time tells an attacker nothing about how much of a guess was right.
 */
final class WebhookSignatures {
    private static final String PREFIX = "sha256=";

    private WebhookSignatures() {}

    /** GitHub's {@code X-Hub-Signature-256} and the generic {@code X-Sparky-Signature-256}: sha256=HMAC(body). */
    static boolean signatureMatches(String secret, byte[] body, String header) {
        if (header == null || !header.trim().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.trim().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    /** GitLab's {@code X-Gitlab-Token}: the secret itself. Hashed first so lengths leak nothing either. */
    static boolean tokenMatches(String secret, String token) {
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), sha256(token));
    }

    /** The header value a sender puts on {@code body}; for tests and the documentation's examples. */
    static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
