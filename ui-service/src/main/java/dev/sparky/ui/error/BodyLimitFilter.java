package dev.sparky.ui.error;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.api.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The HTTP server's body limit is raised for artifact uploads (512 MiB); every other request keeps a small
 * limit, refused here from its declared Content-Length before any byte is read. A body sent without one
 * ({@code Transfer-Encoding: chunked}) is counted as it is read instead, by {@link BodyCountingInterceptor}.
 */
@Singleton
public class BodyLimitFilter {
    /** Bodies other than artifacts: forms, trigger JSON, a stash (which has its own 1 MiB check). */
    static final long OTHER_BODIES = 10L * 1024 * 1024;

    static final String ARTIFACT_UPLOADS = "/api/v1/job/artifacts/";
    /** Sparky::JobApi's file uploads, artifacts too (SparkyJobApiResource checks their limit). */
    static final String SPARKY_FILE_UPLOADS = "/file/project/";
    /** Login, logout and token commands are a few hundred bytes: anything near this is not one of them. */
    static final long SMALL_BODIES = 64 * 1024;

    static final java.util.List<String> SMALL_PATHS = java.util.List.of("/login", "/logout", "/api/v1/tokens");

    void register(@Observes Filters filters) {
        filters.register(this::check, 200);
    }

    void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long limit = limitFor(ctx.normalizedPath());
        if (length != null && limit >= 0 && tooLong(length, limit)) {
            Problem p = Problem.of(413, "payload too large", tooLargeMessage(limit));
            ctx.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(Buffer.buffer(Json.write(p)));
            return;
        }
        ctx.next();
    }

    /** The most bytes a body sent to {@code path} may have; -1 for artifact uploads, which check their own. */
    static long limitFor(String path) {
        if (path.startsWith(ARTIFACT_UPLOADS) || path.startsWith(SPARKY_FILE_UPLOADS)) {
            return -1;
        }
        return SMALL_PATHS.stream().anyMatch(path::startsWith) ? SMALL_BODIES : OTHER_BODIES;
    }

    static String tooLargeMessage(long limit) {
        return "the request body is larger than " + limit + " bytes"
                + (limit == OTHER_BODIES ? "; only artifact uploads may be larger" : "");
    }

    static boolean tooLong(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP server itself refuses a malformed length
        }
    }
}
