package dev.sparky.ui.site;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers requests that carry the {@link HttpRoot} prefix ({@code /sparky/builds}) as the same request without
 * it, before every other filter: a reverse proxy may strip the prefix (as Sparky expects) or pass it on, and a
 * browser that reaches the UI directly still follows the pages' links. The rerouted request runs every filter
 * and access check again under its real path.
 */
@Singleton
public class RootPrefixFilter {
    private final HttpRoot root;

    public RootPrefixFilter(Site site) {
        this.root = site.httpRoot();
    }

    void register(@Observes Filters filters) {
        if (!root.prefix().isEmpty()) {
            filters.register(this::strip, 1000);
        }
    }

    void strip(RoutingContext ctx) {
        String inner = root.strip(ctx.request().path());
        if (inner == null) {
            ctx.next();
            return;
        }
        String query = ctx.request().query();
        ctx.reroute(query == null ? inner : inner + "?" + query);
    }
}
