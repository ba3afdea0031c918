package dev.sparky.ui.dispatcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.api.Page;
import dev.sparky.contracts.api.ProjectStatus;
import dev.sparky.contracts.api.ProjectStatusesDelta;
import dev.sparky.ui.FakeDispatcher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A dispatcher internal API on a free port, answering exactly as docs/architecture.md describes. */
public class DispatcherStub implements QuarkusTestResourceLifecycleManager {
    static volatile String lastLogQuery;
    static final String STATUS_TAG = "\"v1-7\"";
    static final String CHANGED_TAG = "\"v1-8\"";
    static volatile boolean statusesChanged;
    static final java.util.concurrent.atomic.AtomicInteger notModified = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var build = FakeDispatcher.build(7, "hello", "abc", BuildState.RUNNING, "d", Map.of("A", "1"));
        server.createContext("/internal/v1/", ex -> {
            String path = ex.getRequestURI().getPath();
            // As the real dispatcher: only callers with the service token (the test profile's) are answered.
            if (!"Bearer test-service-token-0123456789abcdef".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "text/plain", "service token missing".getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (path) {
                case "/internal/v1/builds/7" -> json(ex, 200, Json.write(build));
                case "/internal/v1/projects/hello/jobs/abc" -> json(ex, 200, Json.write(build));
                case "/internal/v1/builds" -> json(ex, 200, Json.write(new Page<>(List.of(build), 6L)));
                case "/internal/v1/projects/status" -> {
                    String held = ex.getRequestHeaders().getFirst("If-None-Match");
                    String current = statusesChanged ? CHANGED_TAG : STATUS_TAG;
                    ex.getResponseHeaders().add("ETag", current);
                    if (current.equals(held)) {
                        notModified.incrementAndGet();
                        ex.sendResponseHeaders(304, -1);
                        ex.close();
                    } else if (STATUS_TAG.equals(held)) {
                        ex.getResponseHeaders().add("X-Statuses-Delta", "true");
                        var done = FakeDispatcher.build(9, "hello", "def", BuildState.SUCCEEDED, "d", Map.of());
                        json(ex, 200, Json.write(new ProjectStatusesDelta(STATUS_TAG,
                                List.of(new ProjectStatus("hello", done, 0, 0)), List.of("old"))));
                    } else {
                        json(ex, 200, Json.write(List.of(new ProjectStatus("hello", build, 1, 0),
                                new ProjectStatus("old", null, 0, 0))));
                    }
                }
                case "/internal/v1/builds/7/log/whole" -> {
                    ex.getResponseHeaders().add("X-Log-Size", "12");
                    send(ex, 200, "text/plain", "whole log\n\0\u00ff".getBytes(StandardCharsets.ISO_8859_1));
                }
                case "/internal/v1/builds/7/log" -> {
                    lastLogQuery = ex.getRequestURI().getQuery();
                    ex.getResponseHeaders().add("X-Log-Size", "10");
                    ex.getResponseHeaders().add("X-Build-State", "running");
                    send(ex, 200, "text/plain", "abc".getBytes(StandardCharsets.UTF_8));
                }
                case "/internal/v1/overview" -> send(ex, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
                default -> send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return Map.of("sparky.dispatcher.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void json(HttpExchange ex, int status, byte[] body) throws IOException {
        send(ex, status, "application/json", body);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
