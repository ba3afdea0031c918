package dev.sparky.ui.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Checks a password against the hash kept in the users file: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$},
 * as made by {@code htpasswd -B} or {@code mkpasswd}) or argon2 in the PHC form ({@code $argon2id$v=19$m=..,t=..,
 * p=..$salt$hash}, as made by the {@code argon2} tool). Both from Bouncy Castle; comparisons are constant-time.
 */
public final class PasswordHashes {
    private static final Pattern ARGON2 = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    /** 1 GiB of memory per check at most: a typo in the file must not take the service down. */
    private static final int MAX_MEMORY_KB = 1024 * 1024;
    /** Checked when the user is unknown, so a wrong name takes as long as a wrong password. */
    static final String DUMMY = OpenBSDBCrypt.generate("2b", "unknown-user".toCharArray(), new byte[16], 10);

    private PasswordHashes() {}

    /** Is this a hash form {@link #matches} understands? Used to refuse a users file with a plain password. */
    public static boolean supported(String hash) {
        return hash != null && (isBcrypt(hash) || ARGON2.matcher(hash).matches());
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            if (isBcrypt(hash)) {
                return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
            }
            Matcher m = ARGON2.matcher(hash);
            return m.matches() && argon2(password, m);
        } catch (RuntimeException e) {
            return false; // a malformed hash never matches; its text is not logged (it is a secret too)
        }
    }

    private static boolean isBcrypt(String hash) {
        return hash.length() == 60 && (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$"));
    }

    private static boolean argon2(String password, Matcher m) {
        int type = switch (m.group(1)) {
            case "argon2id" -> Argon2Parameters.ARGON2_id;
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_d;
        };
        int memory = Integer.parseInt(m.group(3));
        if (memory > MAX_MEMORY_KB) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(pad(m.group(6)));
        byte[] expected = Base64.getDecoder().decode(pad(m.group(7)));
        Argon2Parameters params = new Argon2Parameters.Builder(type)
                .withVersion(Integer.parseInt(m.group(2)))
                .withMemoryAsKB(memory)
                .withIterations(Integer.parseInt(m.group(4)))
                .withParallelism(Integer.parseInt(m.group(5)))
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] actual = new byte[expected.length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), actual);
        return MessageDigest.isEqual(expected, actual);
    }

    private static String pad(String b64) {
        return b64 + "=".repeat((4 - b64.length() % 4) % 4);
    }
}
