package dev.sparky.dispatcher.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Job API tokens (docs/job-api.md): 32 random bytes, base64url without padding (43 characters). The dispatcher
 * keeps only {@link #hash}; the token itself travels once, in the attempt's RunBuild. Never log a token.
 */
public final class JobTokens {
    /** Length of a token as issued: 32 bytes in base64url without padding. */
    public static final int LENGTH = 43;

    private static final int RANDOM_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public JobTokens(SecureRandom random) {
        this.random = random;
    }

    /** A fresh token. */
    public String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** SHA-256 of the token's characters (UTF-8), lowercase hex: what is stored and looked up. */
    public static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Could this be a token we issued? Saves a lookup for garbage; says nothing about validity. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char ch = token.charAt(i);
            boolean ok = ch >= 'A' && ch <= 'Z'
                    || ch >= 'a' && ch <= 'z'
                    || ch >= '0' && ch <= '9'
                    || ch == '-'
                    || ch == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
