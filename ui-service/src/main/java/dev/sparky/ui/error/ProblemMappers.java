package dev.sparky.ui.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sparky.contracts.InvalidNameException;
import dev.sparky.contracts.api.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * One place that turns every error into an answer in the format of the part of the site that failed:
 * {@code application/problem+json} under /api, plain text on the Sparky-compatible routes (as Sparky
 * answered), an HTML page elsewhere. The detail always says what to fix.
 */
public class ProblemMappers {
    /** Where {@code dev.sparky.ui.auth.AccessChecks} leaves a refusal's reason (kept as a string: no cycle). */
    static final String REFUSAL = "sparky.refusal";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final List<String> PLAIN_TEXT_PREFIXES = List.of(
            "/build/",
            "/build-with-tags/",
            "/cancel/",
            "/status/",
            "/report/raw/",
            "/badge/",
            "/trigger/",
            "/stash",
            "/file/");
    /** Where a refused read answers 401 rather than sending a browser to the login page. */
    // GET /build/project/{p} is Sparky's build form: a page (the other /build/ routes are POSTs).
    private static final List<String> NOT_PAGES = List.of(
            "/api/",
            "/fragments/",
            "/build-with-tags/",
            "/cancel/",
            "/status/",
            "/report/raw/",
            "/badge/",
            "/trigger/",
            "/stash/",
            "/file/");
    /** Sparky::JobApi's POST /queue; GET /queue is the queue page. */
    private static final String QUEUE = "/queue";

    /** Where the login page is under SPARKY_HTTP_ROOT. */
    @jakarta.inject.Inject
    dev.sparky.ui.site.Site site;

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    @ServerExceptionMapper
    public Response refused(RequestRefusedException e, UriInfo uri, Request request) {
        if (e.kind() == RequestRefusedException.Kind.UNAUTHORIZED && isPage(uri, request)) {
            // A person at a browser: the login page, and back here afterwards.
            String next = uri.getRequestUri().getRawPath();
            String query = uri.getRequestUri().getRawQuery();
            next = query == null ? next : next + "?" + query;
            return site.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                    .build();
        }
        Response r = answer(uri, request, e.kind().status(), e.kind().title(), e.getMessage());
        if (e.kind() == RequestRefusedException.Kind.UNAUTHORIZED) {
            // RFC 9110: a 401 names the scheme the client should use.
            r.getHeaders()
                    .add(
                            "WWW-Authenticate",
                            "Bearer realm=\"" + (uri.getPath().startsWith("/api/v1/job/") ? "sparky-job-api" : "sparky")
                                    + "\"");
        }
        return r;
    }

    /**
     * Quarkus Security's own refusals: a rejected API token (the identity provider's message). A cause Sparky
     * knows answers as itself (the dispatcher unavailable: 503).
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, Request request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestRefusedException refused) {
                return refused(refused, uri, request);
            }
        }
        return refused(
                RequestRefusedException.unauthorized(e.getMessage() == null ? "authentication failed" : e.getMessage()),
                uri,
                request);
    }

    /**
     * A permission check refused: Sparky's checks left the reason on the request. Without one the refusal is
     * Quarkus's own for an endpoint that names no access rule (deny-unannotated-endpoints): closed to everyone.
     */
    @ServerExceptionMapper({UnauthorizedException.class, ForbiddenException.class})
    public Response denied(UriInfo uri, Request request, RoutingContext rc) {
        return reason(rc, uri, request)
                .orElseGet(() -> refused(
                        RequestRefusedException.forbidden("this endpoint names no access rule, so it answers nobody"),
                        uri,
                        request));
    }

    /** The reason a permission check left on the request ({@code AccessChecks}), as its own answer. */
    private Optional<Response> reason(RoutingContext rc, UriInfo uri, Request request) {
        Object why = rc == null ? null : rc.get(REFUSAL);
        if (why instanceof RequestRefusedException refused) {
            return Optional.of(refused(refused, uri, request));
        }
        if (why instanceof InvalidNameException invalid) {
            return Optional.of(invalidName(invalid, uri, request));
        }
        return Optional.empty();
    }

    @ServerExceptionMapper
    public Response invalidName(InvalidNameException e, UriInfo uri, Request request) {
        return answer(uri, request, 400, "invalid name", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri, Request request) {
        return answer(
                uri, request, 400, "invalid request", "the request body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        String detail = status == 404 ? "no such resource: " + uri.getPath() : e.getMessage();
        if (e.getCause() instanceof JsonProcessingException json) {
            detail = "the request body is not valid JSON: " + json.getOriginalMessage();
        } else if (status == 400 && e.getCause() == null) {
            detail = "the request could not be read: check the body (JSON for /api, form or JSON for build-with-tags)";
        }
        return answer(uri, request, status, title, detail);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, Request request) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return answer(
                uri,
                request,
                500,
                "internal error",
                "unexpected error (" + e.getClass().getSimpleName() + "); the service log has the details");
    }

    private static boolean isPage(UriInfo uri, Request request) {
        String path = uri.getPath();
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && NOT_PAGES.stream().noneMatch(path::startsWith);
    }

    static Response answer(UriInfo uri, Request request, int status, String title, String detail) {
        String path = uri.getPath();
        if (path.startsWith("/api/")) {
            return Response.status(status)
                    .type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(status, title, detail))
                    .build();
        }
        if (PLAIN_TEXT_PREFIXES.stream().anyMatch(path::startsWith)
                || QUEUE.equals(path) && request != null && "POST".equals(request.getMethod())) {
            return Response.status(status)
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(detail + "\n")
                    .build();
        }
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, detail).render())
                .build();
    }
}
