package dev.sparky.scheduler.webhook;

/** A webhook call refused with an HTTP status; {@code detail} tells the sender what to fix and is safe to show. */
public class WebhookException extends Exception {
    private final int status;
    private final String title;

    WebhookException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static WebhookException badRequest(String detail) {
        return new WebhookException(400, "Bad Request", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
