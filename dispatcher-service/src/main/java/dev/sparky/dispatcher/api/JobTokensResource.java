package dev.sparky.dispatcher.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.dispatcher.engine.JobTokens;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.internalapi.JobCaller;
import dev.sparky.internalapi.JobTokensApi;
import jakarta.ws.rs.NotAuthorizedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Job API token checks for the UI service (docs/job-api.md): {@code {"token": "..."}} answers the build and attempt
 * the token belongs to while that attempt is handed out or running. Every other case (unknown, older
 * attempt, ended build, malformed token or body) gets the same 401, so the answer tells a guesser nothing.
 * The token is never logged nor echoed: parse errors are swallowed, not reported.
 */
public class JobTokensResource implements JobTokensApi {
    /** Far above {@code {"token":"<43 chars>"}}; a bigger body is not a token request. */
    static final int MAX_BODY = 4096;

    static final String INVALID = "the job API token is unknown, expired or malformed";

    private final BuildQueries queries;

    JobTokensResource(BuildQueries queries) {
        this.queries = queries;
    }

    @Override
    public JobCaller verify(InputStream body) {
        return token(read(body))
                .map(JobTokens::hash)
                .flatMap(queries::jobTokenOwner)
                .map(o -> new JobCaller(o.buildId(), o.project(), o.jobId(), o.attempt()))
                .orElseThrow(JobTokensResource::unauthorized);
    }

    /** At most one byte over the limit: a bigger body is refused as a bad token, never read whole. */
    static byte[] read(InputStream body) {
        try {
            return body.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> token(byte[] body) {
        if (body.length == 0 || body.length > MAX_BODY) {
            return Optional.empty();
        }
        try {
            JsonNode token = Json.mapper().readTree(body).path("token");
            return token.isTextual() && JobTokens.wellFormed(token.asText())
                    ? Optional.of(token.asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the message may quote the token: dropped on purpose
        }
    }

    /** Mapped to a problem+json 401 with the Bearer challenge (ProblemMappers). */
    static NotAuthorizedException unauthorized(String detail) {
        return new NotAuthorizedException(detail, "Bearer");
    }

    private static NotAuthorizedException unauthorized() {
        return unauthorized(INVALID);
    }
}
