package dev.sparky.scheduler.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.project.Project;
import dev.sparky.scheduler.publish.SchedulerMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The push webhooks of GitHub, GitLab and any other sender, in the order that keeps them safe: off unless a
 * secret is set, size, then who sent it (only the repository addresses are read before, to find the
 * repository's secret), then the event, then the payload; the router then builds only what the remote confirms.
 * Plain Java: the resource only maps HTTP to these calls.
 */
public final class PushWebhooks {
    private static final Logger LOG = Logger.getLogger(PushWebhooks.class);
    /** Push payloads of thousands of commits stay well below this. */
    public static final int MAX_BODY = 1024 * 1024;

    private final WebhookSecrets secrets;
    private final Supplier<List<Project>> projects;
    private final PushRouter router;
    private final SchedulerMetrics metrics;

    /** @param secrets per repository and global; none at all turns the webhooks off */
    PushWebhooks(
            WebhookSecrets secrets, Supplier<List<Project>> projects, PushRouter router, SchedulerMetrics metrics) {
        this.secrets = secrets;
        this.projects = projects;
        this.router = router;
        this.metrics = metrics;
    }

    /** False when no secret is set: every push is refused with 403. */
    public boolean enabled() {
        return secrets.enabled();
    }

    /** The secret that must sign this body: of the repository it names, else the global one. */
    private String secretOf(String via, JsonNode payload) throws WebhookException {
        return secrets.secretFor(PushPayloads.repositoryUrls(via, payload));
    }

    public WebhookAnswer github(String event, String signature, byte[] body) {
        return handle(body, () -> {
            JsonNode payload = json(body);
            if (!WebhookSignatures.signatureMatches(secretOf("github", payload), body, signature)) {
                throw unauthorized(
                        signature == null
                                ? "header X-Hub-Signature-256 is missing"
                                : "header X-Hub-Signature-256 does not match the body signed with the repository's secret");
            }
            if (event == null || event.isBlank()) {
                throw WebhookException.badRequest("header X-GitHub-Event is missing");
            }
            if (event.equals("ping")) {
                return WebhookAnswer.text(200, "pong");
            }
            if (!event.equals("push")) {
                return ignored("event '" + event + "' is not a push");
            }
            return route(PushPayloads.github(payload));
        });
    }

    public WebhookAnswer gitlab(String event, String token, byte[] body) {
        return handle(body, () -> {
            JsonNode payload = json(body);
            if (!WebhookSignatures.tokenMatches(secretOf("gitlab", payload), token)) {
                throw unauthorized(
                        token == null
                                ? "header X-Gitlab-Token is missing"
                                : "header X-Gitlab-Token is not the repository's secret");
            }
            if (event == null || event.isBlank()) {
                throw WebhookException.badRequest("header X-Gitlab-Event is missing");
            }
            boolean systemPush = event.equals("System Hook")
                    && "push".equals(payload.path("event_name").asText());
            if (!event.equals("Push Hook") && !systemPush) {
                return ignored("event '" + event + "' is not a push");
            }
            return route(PushPayloads.gitlab(payload));
        });
    }

    public WebhookAnswer generic(String signature, byte[] body) {
        return handle(body, () -> {
            JsonNode payload = json(body);
            if (!WebhookSignatures.signatureMatches(secretOf("webhook", payload), body, signature)) {
                throw unauthorized(
                        signature == null
                                ? "header X-Sparky-Signature-256 is missing"
                                : "header X-Sparky-Signature-256 does not match the body signed with the repository's secret");
            }
            return route(PushPayloads.generic(payload));
        });
    }

    private interface Step {
        WebhookAnswer run() throws WebhookException;
    }

    private WebhookAnswer handle(byte[] body, Step step) {
        try {
            secrets.requireEnabled();
            if (body != null && body.length > MAX_BODY) {
                throw new WebhookException(
                        413,
                        "Payload Too Large",
                        "the body has " + body.length + " bytes; at most " + MAX_BODY + " are accepted");
            }
            return step.run();
        } catch (WebhookException e) {
            if (e.status() == 401 || e.status() == 403) {
                metrics.webhookRejected();
                LOG.warnf("webhook refused: %s", e.getMessage());
            }
            return WebhookAnswer.problem(e.status(), e.title(), e.getMessage());
        }
    }

    private WebhookAnswer route(PushEvent push) {
        try {
            return WebhookAnswer.accepted(router.route(push, projects.get()));
        } catch (PushRouter.HeadUnknown e) {
            return WebhookAnswer.problem(
                    503,
                    "Service Unavailable",
                    e.getMessage() + queuedBefore(e.queued) + "; deliver the push again later");
        } catch (PushRouter.NotPublished e) {
            String done = e.queued.isEmpty()
                    ? ""
                    : " (already queued: "
                            + e.queued.stream()
                                    .map(WebhookAccepted.Queued::project)
                                    .reduce((a, b) -> a + ", " + b)
                                    .orElse("")
                            + ")";
            return WebhookAnswer.problem(
                    503,
                    "Service Unavailable",
                    "build request for project " + e.project + " not accepted by Kafka" + done
                            + "; deliver the push again later: " + e.getMessage());
        }
    }

    private static String queuedBefore(List<WebhookAccepted.Queued> queued) {
        return queued.isEmpty()
                ? ""
                : " (already queued: "
                        + queued.stream()
                                .map(WebhookAccepted.Queued::project)
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("") + ")";
    }

    private static WebhookAnswer ignored(String why) {
        return WebhookAnswer.accepted(new WebhookAccepted(List.of(), why));
    }

    private static WebhookException unauthorized(String detail) {
        return new WebhookException(401, "Unauthorized", detail);
    }

    static JsonNode json(byte[] body) throws WebhookException {
        if (body == null || body.length == 0) {
            throw WebhookException.badRequest("the body is empty: expected a JSON object");
        }
        String start = new String(body, 0, Math.min(body.length, 8), StandardCharsets.UTF_8);
        if (start.startsWith("payload=")) {
            throw WebhookException.badRequest(
                    "the body is form-encoded: set the webhook's content type to " + "application/json");
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw WebhookException.badRequest("the body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw WebhookException.badRequest("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw WebhookException.badRequest("the body cannot be read: " + e.getMessage());
        }
    }
}
