package dev.sparky.ui.log;

/** Where a byte buffer may be cut without splitting a UTF-8 character (log slices end anywhere). */
public final class Utf8 {
    private Utf8() {}

    /** @return the length of the longest prefix of {@code bytes[0, len)} that ends on a character boundary */
    public static int completePrefix(byte[] bytes, int len) {
        for (int back = 1; back <= 4 && back <= len; back++) {
            int b = bytes[len - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // continuation byte: the lead byte is further back
            }
            int need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return need > back ? len - back : len;
        }
        return len; // not UTF-8 at all: pass it on, the decoder replaces what it cannot read
    }
}
