package dev.sparky.dispatcher.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.api.Problem;
import dev.sparky.dispatcher.engine.JobTokens;
import dev.sparky.dispatcher.store.ApiTokenQueries;
import dev.sparky.dispatcher.store.ApiTokenRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens for the UI service (docs/security.md): {@code POST /verify} with {@code {"token": "spk_..."}}
 * answers the token's scopes while it is neither revoked nor expired, else 401 (the same for every failure);
 * {@code GET} lists every token without secrets. The token is never logged nor echoed.
 */
@Path("/internal/v1/api-tokens")
public class ApiTokensResource {
    static final int MAX_BODY = 4096;
    private static final Pattern SHAPE = Pattern.compile("spk_[A-Za-z0-9_-]{43}");

    private final ApiTokenQueries queries;
    private final Clock clock = Clock.systemUTC();

    ApiTokensResource(ApiTokenQueries queries) {
        this.queries = queries;
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(InputStream body) throws IOException {
        Optional<ApiTokenRow> row = token(body.readNBytes(MAX_BODY + 1)).map(JobTokens::hash)
                .flatMap(h -> queries.valid(h, clock.millis()));
        return row.map(r -> Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                        .entity(Problem.of(401, "Unauthorized", "the API token is unknown, revoked, expired or malformed"))
                        .build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ApiTokenRow> list() {
        return queries.list();
    }

    private static Optional<String> token(byte[] body) {
        if (body.length == 0 || body.length > MAX_BODY) {
            return Optional.empty();
        }
        try {
            JsonNode token = Json.mapper().readTree(body).path("token");
            return token.isTextual() && SHAPE.matcher(token.asText()).matches() ? Optional.of(token.asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the message may quote the token: dropped on purpose
        }
    }
}
