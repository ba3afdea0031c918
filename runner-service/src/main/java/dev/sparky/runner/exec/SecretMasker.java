package dev.sparky.runner.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

/**
 * Replaces secret values by {@code *****} in a byte stream. A secret may be split over two reads of the pipe,
 * so bytes that could be the start of a secret are held back until the next read (or the end) decides.
 * Values shorter than {@link #MIN_LENGTH} are not masked: masking "a" or "1" would garble every log.
 * Not thread-safe: one instance per build, fed by the log streamer under its lock.
 */
public final class SecretMasker {
    public static final int MIN_LENGTH = 4;
    static final byte[] MASK = "*****".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private final byte[][] secrets;
    private byte[] carry = EMPTY;

    public SecretMasker(Collection<String> values) {
        this.secrets = values.stream()
                .filter(v -> v != null && v.length() >= MIN_LENGTH)
                .distinct()
                .map(v -> v.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
                .toArray(byte[][]::new);
    }

    /** Masks what can be decided now; may hold back a few trailing bytes. */
    public byte[] mask(byte[] data, int off, int len) {
        if (secrets.length == 0) {
            return Arrays.copyOfRange(data, off, off + len);
        }
        byte[] in = new byte[carry.length + len];
        System.arraycopy(carry, 0, in, 0, carry.length);
        System.arraycopy(data, off, in, carry.length, len);
        return scan(in, false);
    }

    /** The end of the stream: whatever was held back is decided now. */
    public byte[] finish() {
        byte[] rest = carry;
        carry = EMPTY;
        return rest.length == 0 || secrets.length == 0 ? rest : scan(rest, true);
    }

    private byte[] scan(byte[] in, boolean last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            if (!last && mayContinue(in, i)) {
                break;
            }
            int matched = fullMatch(in, i);
            if (matched > 0) {
                out.writeBytes(MASK);
                i += matched;
            } else {
                out.write(in[i]);
                i++;
            }
        }
        carry = Arrays.copyOfRange(in, i, in.length);
        return out.toByteArray();
    }

    private int fullMatch(byte[] in, int at) {
        for (byte[] s : secrets) {
            if (in.length - at >= s.length && Arrays.equals(in, at, at + s.length, s, 0, s.length)) {
                return s.length;
            }
        }
        return 0;
    }

    /** True when the bytes from {@code at} to the end are the beginning of a longer secret. */
    private boolean mayContinue(byte[] in, int at) {
        int rest = in.length - at;
        for (byte[] s : secrets) {
            if (rest < s.length && Arrays.equals(in, at, in.length, s, 0, rest)) {
                return true;
            }
        }
        return false;
    }
}
