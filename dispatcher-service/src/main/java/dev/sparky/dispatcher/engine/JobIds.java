package dev.sparky.dispatcher.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Job ids for requests that came without one: 20 lowercase letters. They are drawn from a hash of the
 * record's topic, partition, offset and bytes rather than a random source, so that a batch applied again
 * after a crash makes the same id and the duplicate check holds.
 */
public final class JobIds {
    public static final int LENGTH = 20;

    private JobIds() {}

    public static String forRecord(Inbound r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((r.topic() + "/" + r.partition() + "/" + r.offset() + "/").getBytes(StandardCharsets.UTF_8));
            if (r.value() != null) {
                sha.update(r.value());
            }
            byte[] digest = sha.digest();
            StringBuilder id = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                id.append((char) ('a' + Math.floorMod(digest[i], 26)));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
