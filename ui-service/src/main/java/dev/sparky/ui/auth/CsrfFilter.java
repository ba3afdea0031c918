package dev.sparky.ui.auth;

import dev.sparky.ui.error.RequestRefusedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With auth on, a write that a browser authenticates with its session cookie must carry the session's CSRF token
 * in {@code X-CSRF-Token}; requests with an API token need none (a browser never adds that header itself). Who
 * may write at all is Quarkus Security's ({@link AccessChecks}); /login and /logout check their own form tokens
 * and the job API its build tokens.
 */
public class CsrfFilter {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final List<String> OWN_AUTH = List.of("/api/v1/job/", "/login", "/logout");

    private final AccessPolicy policy;
    private final Authenticator authenticator;

    public CsrfFilter(AccessPolicy policy, Authenticator authenticator) {
        this.policy = policy;
        this.authenticator = authenticator;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!policy.on()
                || SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))
                || OWN_AUTH.stream().anyMatch(path::startsWith)
                || authorization != null && !authorization.isBlank()) {
            return;
        }
        Cookie cookie = request.getCookies().get(SparkyAuthMechanism.SESSION_COOKIE);
        authenticator.session(cookie == null ? null : cookie.getValue()).ifPresent(s -> {
            if (!authenticator.codec().csrfMatches(s, request.getHeaderString(CSRF_HEADER))) {
                throw RequestRefusedException.forbidden("missing or wrong CSRF token: pages send it in the "
                        + CSRF_HEADER + " header; reload the page and try again");
            }
        });
    }
}
