package dev.sparky.ui.auth;

import dev.sparky.ui.auth.SessionCodec.Session;
import dev.sparky.ui.error.RequestRefusedException;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Finds who sent each request (an API token, else a session cookie, else nobody) and applies the rules that
 * hold for every endpoint when auth is on: a write needs a caller; a write in a browser session needs the
 * session's CSRF token in {@code X-CSRF-Token}; with public-read=false a read needs a caller too (pages
 * redirect to /login). Per-project rules (ACL, token scopes) are {@link Access}'s, in each resource.
 * The job API has its build tokens; /login and /logout check their own form tokens.
 */
public class AuthFilter {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_COOKIE = "sparky_session";
    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final List<String> OWN_AUTH = List.of("/api/v1/job/", "/login", "/logout");
    private static final List<String> NOT_PAGES = List.of("/api/", "/fragments/", "/build/", "/build-with-tags/",
            "/cancel/", "/status/", "/report/raw/", "/badge/");

    private final AccessPolicy policy;
    private final Authenticator authenticator;

    public AuthFilter(AccessPolicy policy, Authenticator authenticator) {
        this.policy = policy;
        this.authenticator = authenticator;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, RoutingContext rc) {
        String path = request.getUriInfo().getPath();
        if (!policy.on() || OWN_AUTH.stream().anyMatch(path::startsWith)) {
            return Uni.createFrom().nullItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            // Asking the dispatcher blocks: never on the event loop (the event streams are non-blocking).
            Uni<Response> check = Uni.createFrom().item(() -> withToken(request, rc, authorization));
            return BlockingOperationControl.isBlockingAllowed() ? check
                    : check.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(withSession(request, rc, path));
    }

    private Response withToken(ContainerRequestContext request, RoutingContext rc, String authorization) {
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        Caller caller = authenticator.token(token).orElseThrow(() -> RequestRefusedException.unauthorized(
                "invalid, revoked or expired API token (tokens look like spk_...; an admin makes them at "
                        + "POST /api/v1/tokens)"));
        rc.put(Access.CALLER, caller);
        return null;
    }

    private Response withSession(ContainerRequestContext request, RoutingContext rc, String path) {
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        var found = authenticator.session(cookie == null ? null : cookie.getValue());
        boolean safe = SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT));
        if (found.isPresent()) {
            Session s = found.get();
            if (!safe && !authenticator.codec().csrfMatches(s, request.getHeaderString(CSRF_HEADER))) {
                throw RequestRefusedException.forbidden("missing or wrong CSRF token: pages send it in the "
                        + CSRF_HEADER + " header; reload the page and try again");
            }
            rc.put(Access.CALLER, authenticator.caller(s));
            rc.put(Access.SESSION, s);
            return null;
        }
        if (!safe) {
            throw RequestRefusedException.unauthorized("authentication required: " + Access.LOGIN_HINT);
        }
        if (policy.readsRestricted()) {
            if (NOT_PAGES.stream().anyMatch(path::startsWith)) {
                throw RequestRefusedException.unauthorized("authentication required to read: " + Access.LOGIN_HINT);
            }
            String next = request.getUriInfo().getRequestUri().getRawPath();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            next = query == null ? next : next + "?" + query;
            return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
                    .build();
        }
        return null;
    }
}
