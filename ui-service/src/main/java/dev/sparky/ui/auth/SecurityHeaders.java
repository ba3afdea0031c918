package dev.sparky.ui.auth;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Headers on every answer (pages, API, static files): scripts and styles only from this service (no inline
 * script anywhere: the page script is a file), no framing, no MIME sniffing, no referrer to other sites,
 * and HSTS when the request came over HTTPS.
 */
@Singleton
public class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    void register(@Observes Filters filters) {
        filters.register(this::add, 300);
    }

    void add(RoutingContext ctx) {
        MultiMap h = ctx.response().headers();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        h.set("X-Frame-Options", "DENY");
        if ("https".equalsIgnoreCase(ctx.request().scheme())) {
            h.set("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.next();
    }
}
