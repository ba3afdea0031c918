package dev.sparky.internalapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;

/**
 * Checks of the tokens the UI is shown (docs/security.md, docs/job-api.md); the dispatcher alone stores them,
 * hashed. A check's body is {@link TokenCheck} as JSON; it is read by the dispatcher itself, bounded, and a parse
 * error is dropped rather than reported, because its message could quote the token. Every failed check is the
 * same 401, so the answer tells a guesser nothing. No answer contains a token or its hash.
 */
@Path("/internal/v1")
public interface TokensApi {

    /** The build and attempt a job API token belongs to, while that attempt is handed out or running; else 401. */
    @POST
    @Path("/job-tokens/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JobCaller verifyJobToken(InputStream check);

    /** The API token's grant while it is neither revoked nor expired; else 401. */
    @POST
    @Path("/api-tokens/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ApiTokenView verifyApiToken(InputStream check);

    /** Every API token, newest first, revoked ones included. */
    @GET
    @Path("/api-tokens")
    @Produces(MediaType.APPLICATION_JSON)
    List<ApiTokenView> apiTokens();
}
