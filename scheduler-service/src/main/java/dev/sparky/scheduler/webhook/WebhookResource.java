package dev.sparky.scheduler.webhook;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Push webhooks: GitHub, GitLab and a generic JSON format. The body is taken as raw bytes because the
 * signature is over exactly those bytes. Blocking: each request waits for Kafka's acknowledgement.
 */
@Path("/webhook")
@Blocking
@Consumes(MediaType.WILDCARD)
public class WebhookResource {
    private final PushWebhooks webhooks;

    WebhookResource(PushWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Path("github")
    public Response github(
            @HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-Hub-Signature-256") String signature,
            byte[] body) {
        return answer(webhooks.github(event, signature, body));
    }

    @POST
    @Path("gitlab")
    public Response gitlab(
            @HeaderParam("X-Gitlab-Event") String event, @HeaderParam("X-Gitlab-Token") String token, byte[] body) {
        return answer(webhooks.gitlab(event, token, body));
    }

    @POST
    @Path("generic")
    public Response generic(@HeaderParam("X-Sparky-Signature-256") String signature, byte[] body) {
        return answer(webhooks.generic(signature, body));
    }

    private static Response answer(WebhookAnswer a) {
        return Response.status(a.status()).type(a.mediaType()).entity(a.body()).build();
    }
}
