package dev.sparky.dispatcher.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.dispatcher.engine.JobTokens;
import dev.sparky.dispatcher.store.ApiTokenQueries;
import dev.sparky.dispatcher.store.ApiTokenRow;
import dev.sparky.internalapi.ApiTokenView;
import dev.sparky.internalapi.ApiTokensApi;
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
public class ApiTokensResource implements ApiTokensApi {
    static final int MAX_BODY = 4096;
    private static final Pattern SHAPE = Pattern.compile("spk_[A-Za-z0-9_-]{43}");

    private final ApiTokenQueries queries;
    private final Clock clock = Clock.systemUTC();

    ApiTokensResource(ApiTokenQueries queries) {
        this.queries = queries;
    }

    @Override
    public ApiTokenView verify(InputStream body) {
        return token(JobTokensResource.read(body))
                .map(JobTokens::hash)
                .flatMap(h -> queries.valid(h, clock.millis()))
                .map(ApiTokensResource::view)
                .orElseThrow(() ->
                        JobTokensResource.unauthorized("the API token is unknown, revoked, expired or malformed"));
    }

    @Override
    public List<ApiTokenView> list() {
        return queries.list().stream().map(ApiTokensResource::view).toList();
    }

    private static ApiTokenView view(ApiTokenRow r) {
        return new ApiTokenView(
                r.id(),
                r.name(),
                r.projects(),
                r.actions(),
                r.createdBy(),
                r.createdAt(),
                r.expiresAt(),
                r.revokedAt());
    }

    private static Optional<String> token(byte[] body) {
        if (body.length == 0 || body.length > MAX_BODY) {
            return Optional.empty();
        }
        try {
            JsonNode token = Json.mapper().readTree(body).path("token");
            return token.isTextual() && SHAPE.matcher(token.asText()).matches()
                    ? Optional.of(token.asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the message may quote the token: dropped on purpose
        }
    }
}
