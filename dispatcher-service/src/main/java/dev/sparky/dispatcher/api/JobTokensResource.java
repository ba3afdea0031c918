package dev.sparky.dispatcher.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.api.Problem;
import dev.sparky.dispatcher.engine.JobTokens;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.JobTokenOwner;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Job API token checks for the UI service (docs/job-api.md): {@code {"token": "..."}} answers the build and attempt
 * the token belongs to while that attempt is handed out or running. Every other case (unknown, older
 * attempt, ended build, malformed token or body) gets the same 401, so the answer tells a guesser nothing.
 * The token is never logged nor echoed: parse errors are swallowed, not reported.
 */
@Path("/internal/v1/job-tokens")
public class JobTokensResource {
    /** Far above {@code {"token":"<43 chars>"}}; a bigger body is not a token request. */
    static final int MAX_BODY = 4096;
    static final String INVALID = "the job API token is unknown, expired or malformed";

    private final BuildQueries queries;

    JobTokensResource(BuildQueries queries) {
        this.queries = queries;
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(InputStream body) throws IOException {
        Optional<JobTokenOwner> owner = token(body.readNBytes(MAX_BODY + 1))
                .map(JobTokens::hash).flatMap(queries::jobTokenOwner);
        return owner.map(o -> Response.ok(o, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(JobTokensResource::unauthorized);
    }

    private static Optional<String> token(byte[] body) {
        if (body.length == 0 || body.length > MAX_BODY) {
            return Optional.empty();
        }
        try {
            JsonNode token = Json.mapper().readTree(body).path("token");
            return token.isTextual() && JobTokens.wellFormed(token.asText()) ? Optional.of(token.asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the message may quote the token: dropped on purpose
        }
    }

    private static Response unauthorized() {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "Unauthorized", INVALID)).build();
    }
}
