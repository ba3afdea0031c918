package dev.sparky.ui.dispatcher;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.ServiceToken;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.api.Problem;
import dev.sparky.ui.config.UiConfig;
import dev.sparky.ui.error.RequestRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DispatcherJobClient} over the JDK HTTP client, chosen because it streams request and response
 * bodies from and to plain streams: a 512 MiB artifact passes through this service in small buffers.
 * Tokens are sent only in request bodies and never appear in an exception message.
 */
@ApplicationScoped
public class HttpDispatcherJobClient implements DispatcherJobClient {
    private static final TypeReference<List<ArtifactView>> ARTIFACT_LIST = new TypeReference<>() {
    };
    private static final int MAX_DETAIL = 300;

    private final HttpClient http;
    private final String base;
    private final Duration readTimeout;
    private final ServiceToken token;

    @Inject
    public HttpDispatcherJobClient(UiConfig config, ServiceToken token) {
        this(URI.create(config.dispatcher().url()), config.dispatcher().connectTimeout(),
                config.dispatcher().readTimeout(), token);
    }

    public HttpDispatcherJobClient(URI base, Duration connectTimeout, Duration readTimeout, ServiceToken token) {
        this.token = token;
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.readTimeout = readTimeout;
        // HTTP/1.1: no h2c upgrade dance in front of streamed uploads.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    @Override
    public Optional<JobCaller> verifyToken(String token) {
        byte[] body = Json.write(Map.of("token", token));
        HttpRequest request = json("/internal/v1/job-tokens/verify")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> r = send(request, BodyHandlers.ofByteArray());
        return switch (r.statusCode()) {
            case 200 -> Optional.of(read(r.body(), JobCaller.class));
            case 401, 403 -> Optional.empty();
            default -> throw unexpected("/internal/v1/job-tokens/verify", r.statusCode());
        };
    }

    @Override
    public StoredArtifact putArtifact(long buildId, String name, InputStream body, long length) {
        BodyPublisher stream = BodyPublishers.ofInputStream(() -> body);
        BodyPublisher publisher = length >= 0 ? BodyPublishers.fromPublisher(stream, length) : stream;
        // No request timeout: a large upload from a slow build legitimately takes long.
        HttpRequest request = HttpRequest.newBuilder(uri(artifactPath(buildId, name)))
                .header("Content-Type", "application/octet-stream").PUT(publisher).build();
        HttpResponse<byte[]> r = send(request, BodyHandlers.ofByteArray());
        if (r.statusCode() == 201 || r.statusCode() == 200) {
            return read(r.body(), StoredArtifact.class);
        }
        throw refusal(artifactPath(buildId, name), r);
    }

    @Override
    public Optional<List<ArtifactView>> artifacts(long buildId) {
        String path = "/internal/v1/builds/" + buildId + "/artifacts";
        HttpResponse<byte[]> r = send(json(path).GET().build(), BodyHandlers.ofByteArray());
        return switch (r.statusCode()) {
            case 200 -> Optional.of(readList(r.body()));
            case 404 -> Optional.empty();
            default -> throw unexpected(path, r.statusCode());
        };
    }

    @Override
    public Optional<ArtifactDownload> openArtifact(long buildId, String name) {
        String path = artifactPath(buildId, name);
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(uri(path)).GET().build(),
                BodyHandlers.ofInputStream());
        if (r.statusCode() == 200) {
            long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            return Optional.of(new ArtifactDownload(r.body(), size));
        }
        closeQuietly(r.body());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        throw unexpected(path, r.statusCode());
    }

    @Override
    public Optional<byte[]> stash(long buildId) {
        String path = stashPath(buildId);
        HttpResponse<byte[]> r = send(json(path).GET().build(), BodyHandlers.ofByteArray());
        return switch (r.statusCode()) {
            case 200 -> Optional.of(r.body());
            case 404 -> Optional.empty();
            default -> throw unexpected(path, r.statusCode());
        };
    }

    @Override
    public void putStash(long buildId, byte[] json) {
        String path = stashPath(buildId);
        HttpRequest request = json(path).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofByteArray(json)).build();
        HttpResponse<byte[]> r = send(request, BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw refusal(path, r);
        }
    }

    @Override
    public byte[] jobStash(String project, String jobId) {
        String path = jobStashPath(project, jobId);
        HttpResponse<byte[]> r = send(json(path).GET().build(), BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw unexpected(path, r.statusCode());
        }
        return r.body();
    }

    @Override
    public void putJobStash(String project, String jobId, byte[] json) {
        String path = jobStashPath(project, jobId);
        HttpRequest request = json(path).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofByteArray(json)).build();
        HttpResponse<byte[]> r = send(request, BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw refusal(path, r);
        }
    }

    /** Both names were checked against {@code Names}: nothing in them needs escaping in a path. */
    private static String jobStashPath(String project, String jobId) {
        return "/internal/v1/jobs/" + project + "/" + jobId + "/stash";
    }

    private HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(readTimeout).header("Accept", "application/json");
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String artifactPath(long buildId, String name) {
        // The name was checked against the job id rule: only [A-Za-z0-9._-], safe in a path as it is.
        return "/internal/v1/builds/" + buildId + "/artifacts/" + name;
    }

    private static String stashPath(long buildId) {
        return "/internal/v1/builds/" + buildId + "/stash";
    }

    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) {
        try {
            // Every call carries the service token: the dispatcher answers only the other Sparky services.
            HttpRequest authorized = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header(ServiceToken.HEADER, token.authorization()).build();
            return http.send(authorized, handler);
        } catch (IOException e) {
            throw new DispatcherUnavailableException(base + " cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatcherUnavailableException("interrupted while asking " + base, e);
        }
    }

    /** The dispatcher's own refusals keep their status and reason; anything else means it is unwell. */
    private RuntimeException refusal(String path, HttpResponse<byte[]> r) {
        String detail = detail(r.body());
        return switch (r.statusCode()) {
            case 400 -> RequestRefusedException.invalid(detail);
            case 404 -> RequestRefusedException.notFound(detail);
            case 413 -> RequestRefusedException.tooLarge(detail);
            default -> unexpected(path, r.statusCode());
        };
    }

    private DispatcherUnavailableException unexpected(String path, int status) {
        return new DispatcherUnavailableException(base + path + " answered HTTP " + status, null);
    }

    static String detail(byte[] body) {
        if (body == null || body.length == 0) {
            return "refused by the dispatcher";
        }
        try {
            Problem p = Json.read(body, Problem.class);
            if (p.detail() != null && !p.detail().isBlank()) {
                return p.detail();
            }
        } catch (MalformedEventException e) {
            // not problem+json: fall back to the text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return Json.read(body, type);
        } catch (MalformedEventException e) {
            throw new DispatcherUnavailableException("unreadable answer from " + base + ": " + e.getMessage(), e);
        }
    }

    private List<ArtifactView> readList(byte[] body) {
        try {
            return Json.mapper().readValue(body, ARTIFACT_LIST);
        } catch (IOException e) {
            throw new DispatcherUnavailableException("unreadable artifact list from " + base, new UncheckedIOException(e));
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do: the answer is already decided
        }
    }
}
