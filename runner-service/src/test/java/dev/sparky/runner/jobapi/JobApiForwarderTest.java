package dev.sparky.runner.jobapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner's loopback port for Sparky::JobApi against a recording stand-in for the UI: what passes, unchanged,
 * and every way to use it for more than the build's own token allows, refused before anything reaches the UI.
 */
class JobApiForwarderTest {
    private static final String TOKEN = "dG9rZW4tb2YtdGhlLWJ1aWxkLXJ1bm5pbmctaGVyZQ";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One request as the UI received it. */
    record Seen(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer ui;
    private JobApiForwarder forwarder;

    @BeforeEach
    void start() throws IOException {
        ui = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ui.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            byte[] answer = ("ui got " + body.length() + " bytes").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        ui.start();
        vertx = Vertx.vertx();
        forwarder =
                new JobApiForwarder(vertx, "http://127.0.0.1:" + ui.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        forwarder.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        ui.stop(0);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + forwarder.port() + path));
    }

    @Test
    void theBuildsOwnTokenAndBodyGoOnUnchangedAndNoOtherHeader() throws Exception {
        try (var admission = forwarder.admit(TOKEN)) {
            String body = "{\"config\":{\"project\":\"p.spawned_01\",\"job-id\":\"j1\"},\"sparrowfile\":\"say 1;\"}";
            HttpResponse<String> r = send(to("/queue")
                    .header("token", TOKEN)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer spk_someone-elses")
                    .header("Cookie", "quarkus-credential=x")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("ui got " + body.length() + " bytes", r.body());
            Seen s = seen.get(0);
            assertEquals("POST", s.method());
            assertEquals("/queue", s.path());
            assertEquals(TOKEN, s.header("token"));
            assertEquals("application/json", s.header("Content-Type"));
            assertEquals(body, s.body());
            assertNull(s.header("Authorization"), "no credential but the build's token passes");
            assertNull(s.header("Cookie"), "no credential but the build's token passes");
        }
    }

    @Test
    void aFileGoesUpWholeAndComesBack() throws Exception {
        try (var admission = forwarder.admit(TOKEN)) {
            String file = "x".repeat(300_000);
            HttpResponse<String> r = send(to("/file/project/p/job/j1/filename/f1")
                    .header("token", TOKEN)
                    .PUT(HttpRequest.BodyPublishers.ofString(file)));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("/file/project/p/job/j1/filename/f1", seen.get(0).path());
            assertEquals(file, seen.get(0).body());
        }
    }

    @Test
    void aTokenOfNoBuildRunningHereIsRefusedBeforeTheUi() throws Exception {
        HttpResponse<String> stranger = send(to("/stash/p/j1").header("token", TOKEN));
        assertEquals(403, stranger.statusCode());
        assertTrue(stranger.body().contains("not the token of a build running on this runner"), stranger.body());
        HttpResponse<String> none = send(to("/stash/p/j1"));
        assertEquals(403, none.statusCode());

        forwarder.admit(TOKEN).close(); // the build ended
        assertEquals(403, send(to("/stash/p/j1").header("token", TOKEN)).statusCode());
        try (var other = forwarder.admit("b3RoZXItYnVpbGRzLXRva2VuLW9uLXRoaXMtcnVubmVy")) {
            assertEquals(403, send(to("/stash/p/j1").header("token", TOKEN)).statusCode());
            assertEquals(
                    403,
                    send(to("/stash/p/j1").header("token", TOKEN.substring(0, 20)))
                            .statusCode());
        }
        assertTrue(seen.isEmpty(), "nothing reached the UI: " + seen);
    }

    @Test
    void noOtherPathOrMethodOfTheUiIsReachable() throws Exception {
        try (var admission = forwarder.admit(TOKEN)) {
            for (String path : List.of(
                    "/api/v1/builds",
                    "/internal/v1/job-tokens/verify",
                    "/",
                    "/login",
                    "/stash/p/j1/extra",
                    "/stash/a%2Fb/c",
                    "/status/p/%2e%2e",
                    "/file/p/j/..",
                    "/report/raw/p")) {
                HttpResponse<String> r = send(to(path).header("token", TOKEN));
                assertEquals(404, r.statusCode(), path);
                assertTrue(r.body().contains("forwards only Sparky::JobApi's routes"), r.body());
            }
            assertEquals(404, send(to("/queue").header("token", TOKEN)).statusCode(), "GET /queue");
            assertEquals(
                    404, send(to("/stash/p/j").header("token", TOKEN).DELETE()).statusCode(), "DELETE /stash");
            assertEquals(404, raw("GET /stash/../api/v1/builds HTTP/1.1"), "a dot segment sent as is");
        }
        assertTrue(seen.isEmpty(), "nothing reached the UI: " + seen);
    }

    @Test
    void statusAndReportPassWithoutAToken() throws Exception {
        assertEquals(200, send(to("/status/p/j1")).statusCode());
        assertEquals(
                200,
                send(to("/report/raw/p/j1").header("token", "forged-but-not-forwarded-at-all"))
                        .statusCode());
        assertEquals(
                List.of("/status/p/j1", "/report/raw/p/j1"),
                seen.stream().map(Seen::path).toList());
        assertNull(seen.get(1).header("token"), "the client sends none with these: none is passed on");
    }

    @Test
    void itListensOnTheLoopbackOnly() throws Exception {
        int port = forwarder.port();
        Optional<InetAddress> outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(outside.isPresent(), "this machine has no address outside the loopback");
        assertThrows(IOException.class, () -> new Socket(outside.get(), port).close());
    }

    @Test
    void autoForwardsOnlyWhenTheJobApiIsNotOnTheLoopback() {
        assertFalse(Forwarding.AUTO.needed("http://127.0.0.1:4000"));
        assertFalse(Forwarding.AUTO.needed("http://localhost:4000"));
        assertTrue(Forwarding.AUTO.needed("http://sparky-ui.sparky.svc:4000"));
        assertTrue(Forwarding.ALWAYS.needed("http://127.0.0.1:4000"));
        assertFalse(Forwarding.NEVER.needed("http://sparky-ui:4000"));
    }

    /** Sends one request line as written, without a client's normalising; answers the status code. */
    private int raw(String requestLine) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
            s.getOutputStream()
                    .write((requestLine + "\r\nHost: 127.0.0.1\r\ntoken: " + TOKEN + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
