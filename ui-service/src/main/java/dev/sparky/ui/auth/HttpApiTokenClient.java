package dev.sparky.ui.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.ServiceToken;
import dev.sparky.ui.config.UiConfig;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ApiTokenClient} over the dispatcher's internal API ({@code /internal/v1/api-tokens}). The token goes
 * in the request body only, and no message here ever contains it.
 */
@ApplicationScoped
public class HttpApiTokenClient implements ApiTokenClient {
    private static final TypeReference<List<ApiTokenView>> LIST = new TypeReference<>() {
    };

    private final HttpClient http;
    private final String base;
    private final Duration readTimeout;
    private final ServiceToken serviceToken;

    @Inject
    public HttpApiTokenClient(UiConfig config, ServiceToken serviceToken) {
        this(URI.create(config.dispatcher().url()), config.dispatcher().connectTimeout(),
                config.dispatcher().readTimeout(), serviceToken);
    }

    public HttpApiTokenClient(URI base, Duration connectTimeout, Duration readTimeout, ServiceToken serviceToken) {
        this.serviceToken = serviceToken;
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    @Override
    public Optional<ApiTokenGrant> verify(String token) {
        HttpRequest r = request("/internal/v1/api-tokens/verify").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(Map.of("token", token)))).build();
        HttpResponse<byte[]> answer = send(r);
        return switch (answer.statusCode()) {
            case 200 -> Optional.of(read(() -> Json.read(answer.body(), ApiTokenGrant.class)));
            case 401, 403, 404 -> Optional.empty();
            default -> throw unexpected("/internal/v1/api-tokens/verify", answer.statusCode());
        };
    }

    @Override
    public List<ApiTokenView> list() {
        HttpResponse<byte[]> answer = send(request("/internal/v1/api-tokens").GET().build());
        if (answer.statusCode() != 200) {
            throw unexpected("/internal/v1/api-tokens", answer.statusCode());
        }
        return read(() -> {
            try {
                return Json.mapper().readValue(answer.body(), LIST);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    private HttpRequest.Builder request(String path) {
        // The service token proves this is the UI; the API token being checked travels in the body only.
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(readTimeout).header("Accept", "application/json")
                .header(ServiceToken.HEADER, serviceToken.authorization());
    }

    private HttpResponse<byte[]> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DispatcherUnavailableException(base + " cannot be reached (" + e.getClass().getSimpleName() + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatcherUnavailableException("interrupted while asking " + base, e);
        }
    }

    private <T> T read(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new DispatcherUnavailableException("unreadable API token answer from " + base, e);
        }
    }

    private DispatcherUnavailableException unexpected(String path, int status) {
        return new DispatcherUnavailableException(base + path + " answered HTTP " + status, null);
    }
}
