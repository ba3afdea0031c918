package dev.sparky.internalapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * Job API token checks (docs/job-api.md). The body is a {@link TokenCheck} as JSON, read by the dispatcher itself
 * and bounded; a parse error is dropped rather than reported, because its message could quote the token. Every
 * failed check (unknown, older attempt, ended build, malformed token or body) is the same 401, so the answer tells
 * a guesser nothing.
 */
@Path("/internal/v1/job-tokens")
public interface JobTokensApi {

    /** The build and attempt the token belongs to, while that attempt is handed out or running; else 401. */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JobCaller verify(InputStream check);
}
