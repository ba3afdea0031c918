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
 * API tokens (docs/security.md): the dispatcher alone stores them, hashed, and checks them. The check's body is a
 * {@link TokenCheck} as JSON, read as {@link JobTokensApi} reads it; every failed check is the same 401. No answer
 * contains a token or its hash.
 */
@Path("/internal/v1/api-tokens")
public interface ApiTokensApi {

    /** The token's grant while it is neither revoked nor expired; else 401. */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ApiTokenView verify(InputStream check);

    /** Every API token, newest first, revoked ones included. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    List<ApiTokenView> list();
}
