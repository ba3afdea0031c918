package dev.sparky.contracts.api;

/**
 * An error as {@code application/problem+json} (RFC 9457): {@code detail} says what to fix.
 */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }
}
