package dev.sparky.contracts.events;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets of a {@link RunBuild} (its job API token and the values of its password parameters) so that
 * {@code sparky.jobs} and the dispatcher's outbox hold them only encrypted: AES-256-GCM with a key only the
 * dispatcher and the runners have ({@code SPARKY_JOB_SEAL_KEY}). The build id and attempt are the associated
 * data, so a sealed value copied into another job, or into a later attempt of the same build, does not open.
 *
 * <p>Wire form of {@code RunBuild.sealed}: {@code v1.<base64 of 12-byte nonce + ciphertext + tag>}; the
 * plaintext is the JSON of {@link Secrets}. A password parameter's value in {@code params} is replaced by
 * {@value #MASK}.
 */
public final class JobSeal {
    public static final String MASK = "*****";
    /** The key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    /**
     * One cipher per thread, initialised for each use. {@code Cipher.getInstance} looks the algorithm up among the
     * security providers on every call: on the start path of every build (the dispatcher seals, the runner opens),
     * where it took about 0.15 ms of a small machine's first work after a pause, against 0.01 ms for a warm call.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(JobSeal::newCipher);

    /** The secrets of one job, as sealed. */
    public record Secrets(String apiToken, Map<String, String> params) {
        public Secrets {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    private JobSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key 32 random bytes in base64 (e.g. {@code head -c 32 /dev/urandom | base64})
     * @throws IllegalArgumentException naming the setting when the key is missing or not 32 bytes of base64
     */
    public static JobSeal fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("sparky.job-seal-key (SPARKY_JOB_SEAL_KEY) is not set: give the "
                    + "dispatcher and every runner the same 32 random bytes in base64, e.g. from "
                    + "'head -c 32 /dev/urandom | base64'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sparky.job-seal-key (SPARKY_JOB_SEAL_KEY) is not base64: "
                    + "give 32 random bytes in base64, e.g. from 'head -c 32 /dev/urandom | base64'");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("sparky.job-seal-key (SPARKY_JOB_SEAL_KEY) must be " + KEY_BYTES
                    + " bytes in base64, got " + key.length + " bytes: use 'head -c 32 /dev/urandom | base64'");
        }
        return new JobSeal(key);
    }

    /** A fresh random key in base64, for launchers and tests. */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * The job as it may be sent: token and the given password parameters' values moved into {@code sealed}.
     *
     * @param passwordParams names of the parameters whose values are secret
     */
    public RunBuild seal(RunBuild job, Set<String> passwordParams) {
        Map<String, String> secretParams = new HashMap<>();
        Map<String, String> visible = new LinkedHashMap<>(job.params());
        visible.forEach((name, value) -> {
            if (passwordParams.contains(name) && value != null && !value.isEmpty()) {
                secretParams.put(name, value);
            }
        });
        secretParams.keySet().forEach(name -> visible.put(name, MASK));
        if (job.apiToken() == null && secretParams.isEmpty()) {
            return job.withSecrets(visible, null, null);
        }
        byte[] plain = Json.write(new Secrets(job.apiToken(), secretParams));
        return job.withSecrets(visible, null, encrypt(plain, associatedData(job)));
    }

    /**
     * The job with its secrets back in {@code apiToken} and {@code params}.
     *
     * @throws MalformedEventException when the sealed value was not made by this key for this build and attempt
     */
    public RunBuild open(RunBuild job) {
        if (job.sealed() == null) {
            if (job.apiToken() != null) {
                throw new MalformedEventException("run-build command for build " + job.buildId()
                        + ": field 'apiToken' must not be sent in clear (the dispatcher seals it)");
            }
            return job;
        }
        Secrets secrets = Json.read(decrypt(job), Secrets.class);
        Map<String, String> params = new LinkedHashMap<>(job.params());
        params.putAll(secrets.params());
        return job.withSecrets(params, secrets.apiToken(), null);
    }

    private static byte[] associatedData(RunBuild job) {
        return ("sparky.jobs/build/" + job.buildId() + "/attempt/" + job.attempt()).getBytes(StandardCharsets.UTF_8);
    }

    private String encrypt(byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = CIPHERS.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] sealed = c.doFinal(plain);
            return VERSION
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private byte[] decrypt(RunBuild job) {
        String field = "run-build command for build " + job.buildId() + ": field 'sealed' ";
        if (!job.sealed().startsWith(VERSION)) {
            throw new MalformedEventException(field + "has an unknown format (expected " + VERSION + "...)");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(job.sealed().substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(field + "is not base64");
        }
        if (all.length <= NONCE_BYTES) {
            throw new MalformedEventException(field + "is too short");
        }
        try {
            Cipher c = CIPHERS.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(associatedData(job));
            return c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new MalformedEventException(field + "does not open: sealed with another key (check that the "
                    + "dispatcher and the runners share SPARKY_JOB_SEAL_KEY) or for another build or attempt");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }
}
