package dev.sparky.ui.edge;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.api.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Applies {@link EdgeRules} to every request (pages, API, static files) before routing, with login on or
 * off. Runs after {@code SecurityHeaders}, so a refusal carries the same headers. Quarkus' own reads under
 * {@code /q/} (health, metrics, OpenAPI) are left out of the Host rule: kubelets and Prometheus reach a pod by
 * its address, and these change nothing and hold nothing secret.
 */
@Singleton
public class EdgeFilter {
    private static final Logger LOG = Logger.getLogger(EdgeFilter.class);
    static final String QUARKUS = "/q/";

    private final EdgeRules rules;

    public EdgeFilter(EdgeRules rules) {
        this.rules = rules;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 250);
    }

    void check(RoutingContext ctx) {
        var request = ctx.request();
        String path = ctx.normalizedPath();
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null && request.authority() != null) {
            host = request.authority().toString(); // HTTP/2 sends :authority instead
        }
        boolean quarkusRead = path.startsWith(QUARKUS)
                && EdgeRules.SAFE.contains(request.method().name());
        var refusal = quarkusRead
                ? java.util.Optional.<EdgeRules.Refusal>empty()
                : rules.check(
                        request.method().name(),
                        host,
                        request.getHeader(HttpHeaders.ORIGIN),
                        request.getHeader("Sec-Fetch-Site"),
                        request.getHeader("X-Forwarded-Host"));
        if (refusal.isEmpty()) {
            ctx.next();
            return;
        }
        EdgeRules.Refusal r = refusal.get();
        LOG.infof("refused %s %s from %s: %s", request.method(), path, request.remoteAddress(), r.detail());
        var response = ctx.response().setStatusCode(r.status());
        if (path.startsWith("/api/")) {
            response.putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(Buffer.buffer(Json.write(Problem.of(r.status(), r.title(), r.detail()))));
        } else {
            response.putHeader("Content-Type", "text/plain; charset=utf-8").end(r.detail() + "\n");
        }
    }
}
