package dev.sparky.bench.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The latency client reads fixed-length and chunked answers on one kept connection, follows
 * {@code Connection: close}, and never sends a request twice or takes a cut answer for a whole one.
 */
class PlainHttpTest {

    @Test
    void answersComeBackOnOneKeptConnection() throws IOException {
        AtomicInteger posts = new AtomicInteger();
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/build/project/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = ("job-" + posts.incrementAndGet() + "\n").getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().endsWith("/chunked");
            int status = exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (PlainHttp http =
                new PlainHttp("http://127.0.0.1:" + server.getAddress().getPort())) {
            assertEquals(new PlainHttp.Answer(200, "job-1\n"), http.post("/build/project/a"));
            assertEquals(new PlainHttp.Answer(200, "job-2\n"), http.post("/build/project/chunked"));
            assertEquals(new PlainHttp.Answer(404, "job-3\n"), http.post("/build/project/missing"));
        } finally {
            server.stop(0);
        }
        assertEquals(1, clientPorts.size(), "every request on the same connection: " + clientPorts);
    }

    @Test
    void anAnswerThatClosesIsFollowedByANewConnection() throws Exception {
        try (RawServer server = new RawServer(List.of(
                        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nj-1",
                        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nj-2"));
                PlainHttp http = new PlainHttp("http://127.0.0.1:" + server.port())) {
            assertEquals("j-1", http.post("/build/project/a").body());
            assertEquals("j-2", http.post("/build/project/a").body());
            assertEquals(2, server.connections.get());
        }
    }

    @Test
    void aCutAnswerIsAnErrorNotAJobId() throws Exception {
        try (RawServer server = new RawServer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nj-1"));
                PlainHttp http = new PlainHttp("http://127.0.0.1:" + server.port())) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.post("/build/project/a"));
            assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        }
    }

    @Test
    void aConnectionClosedMeanwhileIsAnErrorAndTheRequestIsNotSentAgain() throws Exception {
        // The server answers once, keeps the connection, then closes it without answering the second request.
        try (RawServer server = new RawServer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nj-1", ""));
                PlainHttp http = new PlainHttp("http://127.0.0.1:" + server.port())) {
            assertEquals("j-1", http.post("/build/project/a").body());
            assertThrows(UncheckedIOException.class, () -> http.post("/build/project/a"));
            assertEquals(2, server.requests.size(), "sent once each: " + server.requests);
            assertEquals(1, server.connections.get());
        }
    }

    /**
     * Answers each request it reads with the next canned text (an empty one closes the connection instead),
     * closing after {@code Connection: close}; counts connections and requests.
     */
    private static final class RawServer implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final ServerSocket socket = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        private final Thread thread;

        RawServer(List<String> answers) throws IOException {
            thread = new Thread(() -> serve(answers));
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(List<String> answers) {
            int next = 0;
            try {
                while (next < answers.size()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                        InputStream in = s.getInputStream();
                        while (next < answers.size()) {
                            String request = readRequest(in);
                            if (request == null) {
                                break;
                            }
                            requests.add(request);
                            String answer = answers.get(next++);
                            if (answer.isEmpty()) {
                                break;
                            }
                            s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                            if (answer.contains("Connection: close")) {
                                break;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        /** The request head (these requests have no body), or null at EOF. */
        private static String readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                head.append((char) c);
            }
            return head.toString().lines().findFirst().orElse("");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
