package dev.sparky.ui.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API tokens: {@code spk_} and 32 random bytes in base64url (47 characters). Only the SHA-256 (hex) is
 * stored; the token is shown once, when it is made. Ids name tokens in lists and for revocation.
 */
public final class ApiTokens {
    public static final String PREFIX = "spk_";
    static final Pattern SHAPE = Pattern.compile("spk_[A-Za-z0-9_-]{43}");
    public static final Pattern ID = Pattern.compile("[a-z0-9]{16}");
    private static final String ID_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    public ApiTokens(SecureRandom random) {
        this.random = random;
    }

    public String newToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String newId() {
        StringBuilder s = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            s.append(ID_LETTERS.charAt(random.nextInt(ID_LETTERS.length())));
        }
        return s.toString();
    }

    /** Could this be one of our API tokens (saves asking the dispatcher about garbage)? */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** SHA-256 of the token's characters, lowercase hex: what the dispatcher stores and looks up. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
