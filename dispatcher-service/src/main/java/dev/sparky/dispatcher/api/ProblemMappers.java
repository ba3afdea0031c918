package dev.sparky.dispatcher.api;

import dev.sparky.contracts.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as {@code application/problem+json}, with a detail a person can act on. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response problem = problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage());
        String challenge = e.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        return challenge == null
                ? problem
                : Response.fromResponse(problem)
                        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                        .build();
    }

    @ServerExceptionMapper
    public Response storage(java.io.IOException e) {
        LOG.error("internal API storage failure", e);
        return problem(500, "Storage error", "the dispatcher could not read or write the file: " + e.getMessage());
    }

    /** What a resource implementing an internal API interface (no checked exceptions) throws for an I/O failure. */
    @ServerExceptionMapper
    public Response storage(java.io.UncheckedIOException e) {
        return storage(e.getCause());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("internal API failure", e);
        return problem(500, "Internal error", "the dispatcher failed to answer: " + e.getMessage());
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail))
                .build();
    }
}
