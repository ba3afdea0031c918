package dev.sparky.runner.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Replaces secret values, and their base64 and URL-encoded forms ({@link SecretVariants}), by {@code *****} in a
 * byte stream. A secret may be split over two reads of the pipe, so bytes that could be the start of a secret are
 * held back until the next read (or the end) decides. Values shorter than {@link #MIN_LENGTH} are not masked:
 * masking "a" or "1" would garble every log. Not thread-safe: one instance per build, fed by the log streamer
 * under its lock.
 */
public final class SecretMasker {
    public static final int MIN_LENGTH = 4;
    static final byte[] MASK = "*****".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    /** Longest first, so of two overlapping secrets the longer one is masked whole. */
    private final byte[][] secrets;
    /** Bytes that start some secret: the last bytes of a read, where a secret may begin and not yet end. */
    private final boolean[] starts = new boolean[256];
    /** The shortest secret: every window of this many bytes is either skipped or compared. */
    private final int window;
    /**
     * How far a window may move on, by the two bytes at its end (a Wu-Manber skip table): zero where those two
     * bytes end the first {@link #window} bytes of some secret, so only such places are compared; on a log that
     * holds no secret most windows move by nearly their whole length, and most bytes are never looked at. Made
     * at the first read that needs it: a build without output (most of a busy runner's builds are short) never
     * pays for its 64 KiB, which cost more than the rest of the masker's set-up.
     */
    private byte[] shift;

    private byte[] carry = EMPTY;

    public SecretMasker(Collection<String> values) {
        this.secrets = values.stream()
                .filter(Objects::nonNull)
                .filter(v -> v.length() >= MIN_LENGTH)
                .flatMap(v -> SecretVariants.of(v).stream())
                .distinct()
                .map(v -> v.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
                .toArray(byte[][]::new);
        for (byte[] s : secrets) {
            starts[s[0] & 0xff] = true;
        }
        this.window = secrets.length == 0 ? 0 : secrets[secrets.length - 1].length;
    }

    private static byte[] skipTable(byte[][] secrets, int window) {
        byte[] table = new byte[1 << 16];
        int most = Math.min(window - 1, 127);
        Arrays.fill(table, (byte) most);
        for (byte[] s : secrets) {
            for (int end = 1; end < window; end++) {
                int distance = window - 1 - end;
                int pair = pair(s, end);
                if (distance < table[pair]) {
                    table[pair] = (byte) distance;
                }
            }
        }
        return table;
    }

    /** The two bytes ending at {@code end}, as one table index. */
    private static int pair(byte[] b, int end) {
        return (b[end - 1] & 0xff) << 8 | (b[end] & 0xff);
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
        if (shift == null) {
            shift = skipTable(secrets, window);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int plainFrom = 0;
        int i = 0;
        // Where a whole window fits: compare only where the skip table says a secret may begin. A place skipped
        // holds no secret's first window, so no secret starts there, whole or cut off by the end of the read.
        while (window >= 2 && i + window <= in.length) {
            int step = shift[pair(in, i + window - 1)];
            if (step > 0) {
                i += step;
                continue;
            }
            if (!last && mayContinue(in, i)) {
                out.write(in, plainFrom, i - plainFrom);
                carry = Arrays.copyOfRange(in, i, in.length);
                return out.toByteArray();
            }
            int matched = fullMatch(in, i);
            if (matched > 0) {
                out.write(in, plainFrom, i - plainFrom);
                out.writeBytes(MASK);
                i += matched;
                plainFrom = i;
            } else {
                i++;
            }
        }
        // The last bytes, shorter than a window: byte by byte, holding back a possible beginning of a secret.
        while (i < in.length) {
            if (!starts[in[i] & 0xff]) {
                i++;
                continue;
            }
            if (!last && mayContinue(in, i)) {
                break;
            }
            int matched = fullMatch(in, i);
            if (matched > 0) {
                out.write(in, plainFrom, i - plainFrom);
                out.writeBytes(MASK);
                i += matched;
                plainFrom = i;
            } else {
                i++;
            }
        }
        out.write(in, plainFrom, i - plainFrom);
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
        if (rest >= secrets[0].length) {
            return false;
        }
        for (byte[] s : secrets) {
            if (rest < s.length && Arrays.equals(in, at, in.length, s, 0, rest)) {
                return true;
            }
        }
        return false;
    }
}
