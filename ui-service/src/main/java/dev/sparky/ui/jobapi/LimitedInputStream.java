package dev.sparky.ui.jobapi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload body on its way to the dispatcher, counted as it passes: past the limit it fails the transfer
 * (the dispatcher then drops its temp file), and afterwards it tells why the transfer broke, so the answer
 * is 413 for "too large" and 400 for "the client stopped sending", not a vague 503.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private volatile boolean exceeded;
    private volatile IOException readFailure;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = guarded(() -> super.read());
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = guarded(() -> super.read(buf, off, len));
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported on an upload");
    }

    private void add(long n) throws IOException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new IOException("upload larger than " + limit + " bytes");
        }
    }

    private interface Read {
        int run() throws IOException;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException e) {
            readFailure = e;
            throw e;
        }
    }

    boolean exceeded() {
        return exceeded;
    }

    /** @return the error reading the client's body, or null when it was read without one */
    IOException readFailure() {
        return readFailure;
    }

    long count() {
        return count;
    }
}
