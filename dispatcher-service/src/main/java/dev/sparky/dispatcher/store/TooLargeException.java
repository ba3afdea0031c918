package dev.sparky.dispatcher.store;

import java.io.IOException;

/** A stored file would exceed its limit; nothing was left on disk. */
public final class TooLargeException extends IOException {
    private final long limit;

    public TooLargeException(long limit) {
        super("larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
