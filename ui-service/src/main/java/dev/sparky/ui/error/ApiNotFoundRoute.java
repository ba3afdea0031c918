package dev.sparky.ui.error;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.api.Problem;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Paths under /api that no resource serves would end in the static-file handler's HTML 404; API clients
 * must get problem+json for every error, so a last route on the router answers them.
 */
@Singleton
public class ApiNotFoundRoute {

    void install(@Observes Router router) {
        router.route("/api/*").last().handler(ctx -> {
            Problem p = Problem.of(
                    404,
                    "not found",
                    "no such API resource: " + ctx.normalizedPath() + " (the API is described at /q/openapi)");
            ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(Json.write(p)));
        });
    }
}
