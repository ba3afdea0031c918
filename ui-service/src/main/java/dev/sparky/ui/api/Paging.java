package dev.sparky.ui.api;

import dev.sparky.ui.error.RequestRefusedException;

/** The page size a client may ask for: small pages keep every list fast with a million builds. */
final class Paging {
    static final int DEFAULT = 50;
    static final int MAX = 500;

    private Paging() {}

    static int limit(Integer asked) {
        if (asked == null) {
            return DEFAULT;
        }
        if (asked < 1 || asked > MAX) {
            throw RequestRefusedException.invalid("limit must be between 1 and " + MAX + ", got " + asked);
        }
        return asked;
    }
}
