package dev.sparky.ui.error;

/**
 * A request this service will not carry out, with the reason a person can act on. The kind decides the
 * HTTP status; the web layer decides the format (problem+json, text or a page).
 */
public class RequestRefusedException extends RuntimeException {

    /** Why a request was refused, and the HTTP status that says so. */
    public enum Kind {
        INVALID(400, "invalid request"),
        UNAUTHORIZED(401, "unauthorized"),
        FORBIDDEN(403, "forbidden"),
        NOT_FOUND(404, "not found"),
        CONFLICT(409, "conflict"),
        TOO_LARGE(413, "payload too large"),
        TOO_MANY(429, "too many requests"),
        UNAVAILABLE(503, "service unavailable");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Kind kind;

    public RequestRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RequestRefusedException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static RequestRefusedException invalid(String message) {
        return new RequestRefusedException(Kind.INVALID, message);
    }

    public static RequestRefusedException notFound(String message) {
        return new RequestRefusedException(Kind.NOT_FOUND, message);
    }

    public static RequestRefusedException conflict(String message) {
        return new RequestRefusedException(Kind.CONFLICT, message);
    }

    public static RequestRefusedException unauthorized(String message) {
        return new RequestRefusedException(Kind.UNAUTHORIZED, message);
    }

    public static RequestRefusedException forbidden(String message) {
        return new RequestRefusedException(Kind.FORBIDDEN, message);
    }

    public static RequestRefusedException tooLarge(String message) {
        return new RequestRefusedException(Kind.TOO_LARGE, message);
    }

    public static RequestRefusedException tooMany(String message) {
        return new RequestRefusedException(Kind.TOO_MANY, message);
    }

    public Kind kind() {
        return kind;
    }
}
