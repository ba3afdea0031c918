package dev.sparky.scheduler.webhook;

import dev.sparky.contracts.api.Problem;

/** What a webhook call is answered: a status, a body and its media type. Mapped to HTTP by the resource. */
public record WebhookAnswer(int status, Object body, String mediaType) {

    static WebhookAnswer accepted(WebhookAccepted body) {
        return new WebhookAnswer(202, body, "application/json");
    }

    static WebhookAnswer text(int status, String body) {
        return new WebhookAnswer(status, body, "text/plain");
    }

    static WebhookAnswer problem(int status, String title, String detail) {
        return new WebhookAnswer(status, Problem.of(status, title, detail), Problem.MEDIA_TYPE);
    }
}
