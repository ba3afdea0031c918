package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/** Users-file hashes: bcrypt and argon2 verify; plain text and garbage never do. */
class PasswordHashesTest {

    static String bcrypt(String password) {
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), new byte[16], 4);
    }

    static String argon2id(String password) {
        byte[] salt = "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII);
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(19)
                .withMemoryAsKB(1024)
                .withIterations(2)
                .withParallelism(1)
                .withSalt(salt)
                .build());
        byte[] out = new byte[32];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=1024,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    @Test
    void bcryptMatchesOnlyItsPassword() {
        String hash = bcrypt("s3cret");
        assertTrue(PasswordHashes.supported(hash));
        assertTrue(PasswordHashes.matches("s3cret", hash));
        assertFalse(PasswordHashes.matches("s3cret ", hash));
        assertTrue(PasswordHashes.matches("s3cret", hash.replace("$2b$", "$2y$")));
    }

    @Test
    void argon2idMatchesOnlyItsPassword() {
        String hash = argon2id("hunter2");
        assertTrue(PasswordHashes.supported(hash));
        assertTrue(PasswordHashes.matches("hunter2", hash));
        assertFalse(PasswordHashes.matches("hunter3", hash));
    }

    @Test
    void plainTextAndGarbageNeverMatch() {
        assertFalse(PasswordHashes.supported("s3cret"));
        assertFalse(PasswordHashes.matches("s3cret", "s3cret"));
        assertFalse(PasswordHashes.matches("x", "$2b$04$not-a-real-hash-at-all-but-sixty-characters-long-xxxxxxxxx"));
        assertFalse(PasswordHashes.matches(null, bcrypt("a")));
        assertFalse(PasswordHashes.matches("a", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaA"));
    }
}
