package dev.sparky.bench.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The latency client reads fixed-length and chunked answers, keeps its connection, and says the status. */
class PlainHttpTest {
    private HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
    private final Set<String> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/build/project/", exchange -> {
            clientPorts.add(String.valueOf(exchange.getRemoteAddress().getPort()));
            byte[] body = ("job-" + posts.incrementAndGet() + "\n").getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().endsWith("/chunked");
            int status = exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void answersComeBackOnOneKeptConnection() {
        try (PlainHttp http = new PlainHttp("http://127.0.0.1:" + server.getAddress().getPort())) {
            assertEquals(new PlainHttp.Answer(200, "job-1\n"), http.post("/build/project/a"));
            assertEquals(new PlainHttp.Answer(200, "job-2\n"), http.post("/build/project/chunked"));
            assertEquals(new PlainHttp.Answer(404, "job-3\n"), http.post("/build/project/missing"));
        }
        assertEquals(1, clientPorts.size(), "every request on the same connection: " + clientPorts);
    }
}
