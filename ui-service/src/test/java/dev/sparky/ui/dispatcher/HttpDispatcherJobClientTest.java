package dev.sparky.ui.dispatcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sparky.contracts.ServiceToken;
import dev.sparky.ui.error.RequestRefusedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job side of the dispatcher client against a stub speaking the job API contract's internal endpoints. */
class HttpDispatcherJobClientTest {
    static final String TOKEN = "the-secret-token-value-0123456789";
    static final String SERVICE_TOKEN = "service-token-for-this-test-0123456789";
    HttpServer server;
    HttpDispatcherJobClient client;
    final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    final Map<String, String> headers = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/", this::handle);
        server.start();
        client = new HttpDispatcherJobClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), ServiceToken.require(Optional.of(SERVICE_TOKEN), "ui"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        byte[] body = ex.getRequestBody().readAllBytes();
        // The dispatcher answers only the other services: every call must carry the service token.
        if (!("Bearer " + SERVICE_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "service token missing");
            return;
        }
        headers.put(method + " " + path, String.valueOf(ex.getRequestHeaders().getFirst("Content-Length")));
        switch (method + " " + path) {
            case "POST /internal/v1/job-tokens/verify" -> {
                if (new String(body, StandardCharsets.UTF_8).equals("{\"token\":\"" + TOKEN + "\"}")) {
                    send(ex, 200, "{\"buildId\":5,\"project\":\"p\",\"jobId\":\"j\",\"attempt\":2,\"extra\":1}");
                } else if (new String(body, StandardCharsets.UTF_8).contains("boom")) {
                    send(ex, 500, "boom");
                } else {
                    send(ex, 401, "{\"status\":401,\"title\":\"unauthorized\",\"detail\":\"invalid token\"}");
                }
            }
            case "PUT /internal/v1/builds/5/artifacts/a.bin" -> {
                stored.put("a.bin", body);
                send(ex, 201, "{\"name\":\"a.bin\",\"size\":" + body.length + ",\"sha256\":\"abc\"}");
            }
            case "PUT /internal/v1/builds/5/artifacts/huge.bin" -> send(ex, 413,
                    "{\"type\":\"about:blank\",\"title\":\"payload too large\",\"status\":413,\"detail\":\"artifact huge.bin is over 512 MiB\"}");
            case "GET /internal/v1/builds/5/artifacts/a.bin" -> {
                ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
                byte[] b = stored.get("a.bin");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            }
            case "GET /internal/v1/builds/5/artifacts" -> send(ex, 200,
                    "[{\"name\":\"a.bin\",\"size\":3,\"modifiedAt\":\"2026-11-01T10:00:00Z\"}]");
            case "GET /internal/v1/builds/5/stash" -> send(ex, 200, "{\"n\":1}");
            case "PUT /internal/v1/builds/5/stash" -> {
                stored.put("stash", body);
                ex.sendResponseHeaders(204, -1);
                ex.close();
            }
            default -> send(ex, 404, "{\"status\":404,\"detail\":\"build not found\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Test
    void verifiesTokensWithoutEverPrintingThem() {
        JobCaller c = client.verifyToken(TOKEN).orElseThrow();
        assertEquals(new JobCaller(5, "p", "j", 2), c);
        assertTrue(client.verifyToken("wrong").isEmpty());
        var e = assertThrows(DispatcherUnavailableException.class, () -> client.verifyToken("boom-token"));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(!e.getMessage().contains("boom-token"));
    }

    @Test
    void streamsArtifactsBothWaysWithAndWithoutALength() throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(3).nextBytes(bytes);
        StoredArtifact s = client.putArtifact(5, "a.bin", new ByteArrayInputStream(bytes), bytes.length);
        assertEquals(300_000, s.size());
        assertEquals("300000", headers.get("PUT /internal/v1/builds/5/artifacts/a.bin"));
        assertArrayEquals(bytes, stored.get("a.bin"));
        client.putArtifact(5, "a.bin", new ByteArrayInputStream(bytes), -1); // chunked
        assertArrayEquals(bytes, stored.get("a.bin"));
        ArtifactDownload d = client.openArtifact(5, "a.bin").orElseThrow();
        assertEquals(300_000, d.size());
        try (InputStream in = d.body()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertTrue(client.openArtifact(5, "missing.bin").isEmpty());
        assertEquals("a.bin", client.artifacts(5).orElseThrow().get(0).name());
        assertTrue(client.artifacts(6).isEmpty());
    }

    @Test
    void passesTheDispatchersRefusalsOn() {
        var e = assertThrows(RequestRefusedException.class,
                () -> client.putArtifact(5, "huge.bin", new ByteArrayInputStream(new byte[10]), 10));
        assertEquals(413, e.kind().status());
        assertEquals("artifact huge.bin is over 512 MiB", e.getMessage());
        var nf = assertThrows(RequestRefusedException.class, () -> client.putStash(6, "{}".getBytes()));
        assertEquals(404, nf.kind().status());
    }

    @Test
    void stashReadAndWrite() {
        assertEquals("{\"n\":1}", new String(client.stash(5).orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(client.stash(6).isEmpty());
        client.putStash(5, "{\"n\":2}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"n\":2}", new String(stored.get("stash"), StandardCharsets.UTF_8));
    }

    @Test
    void aDispatcherThatIsDownIsUnavailable() {
        server.stop(0);
        var e = assertThrows(DispatcherUnavailableException.class, () -> client.stash(5));
        assertTrue(e.getMessage().startsWith("dispatcher unavailable: "), e.getMessage());
    }
}
