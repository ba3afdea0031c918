package dev.sparky.dispatcher.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.dispatcher.notify.WebhookNotifier;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notify hooks against a real local HTTP server: recorded with the end, sent off the engine thread. */
class NotifyTest {
    /** What the receiver got. */
    record Received(String contentType, String body) {}

    @TempDir
    Path home;

    EngineFixture f;
    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    WebhookNotifier notifier;

    @BeforeEach
    void setUp() throws Exception {
        f = new EngineFixture(home);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            received.add(new Received(
                    ex.getRequestHeaders().getFirst("Content-Type"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (notifier != null) {
            notifier.close();
        }
        server.stop(0);
        f.close();
    }

    /** A hook URL with secrets in the user info and the query, as people write them. */
    private String hookUrl(int port) {
        return "http://bot:pa55@127.0.0.1:" + port + "/hook?token=s3cret";
    }

    private void project(String on, int port) {
        f.project("hooked", "notify:\n  - url: " + hookUrl(port) + "\n    on: " + on + "\n");
    }

    private long run(EngineFixture fx, String jobId, Outcome outcome) {
        fx.apply(fx.request("hooked", jobId, Map.of()));
        long id = fx.build("hooked", jobId).orElseThrow().id();
        fx.apply(fx.started("r1", id, 1));
        fx.apply(fx.finished("r1", id, 1, outcome, outcome == Outcome.SUCCEEDED ? 0 : 1));
        return id;
    }

    private void startNotifier(EngineFixture fx) {
        notifier = new WebhookNotifier(
                        fx.engine.notifications(),
                        Duration.ofSeconds(2),
                        List.of(Duration.ofMillis(20), Duration.ofMillis(80)))
                .start();
    }

    /** Turns the engine (empty batches) until a system-log line of the build matches. */
    private String awaitSyslog(EngineFixture fx, long id, Predicate<String> match) {
        return await().alias("a matching syslog line for build " + id)
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            fx.apply();
                            return fx.syslog(id).stream().filter(match).findFirst();
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void deliveredWithTheBuildAsJsonAndLoggedWithoutSecrets() throws Exception {
        int port = server.getAddress().getPort();
        project("success", port);
        long id = run(f, "a", Outcome.SUCCEEDED);
        startNotifier(f);
        String line = awaitSyslog(f, id, l -> l.contains("notify "));
        assertTrue(line.endsWith("notify http://127.0.0.1:" + port + "/hook: delivered (200)"), line);
        assertTrue(f.syslog(id).stream().noneMatch(l -> l.contains("s3cret") || l.contains("pa55")));
        assertEquals(1, received.size());
        assertEquals("application/json", received.get(0).contentType());
        JsonNode body = Json.mapper().readTree(received.get(0).body());
        assertEquals("hooked", body.get("project").asText());
        assertEquals(id, body.get("buildId").asLong());
        assertEquals("a", body.get("jobId").asText());
        assertEquals("succeeded", body.get("state").asText());
        assertEquals(1, body.get("sparkyCode").asInt());
        assertEquals(0, body.get("exitCode").asInt());
        assertTrue(body.has("reason") && body.get("reason").isNull());
        assertEquals("http://127.0.0.1:4000/builds/" + id, body.get("url").asText());
        assertEquals(f.clock.instant().toString(), body.get("finishedAt").asText());
        assertTrue(f.repo.notificationsAfter(0, 10).isEmpty(), "the pending row is gone once resolved");
    }

    /** Sparky's %PROJECT%, %BUILD-ID% and %BUILD-STATE% in a hook URL are filled when the build ends. */
    @Test
    void sparkysPlaceholdersInTheUrlAreFilledWithTheBuild() {
        f.project("hooked", "notify:\n  - url: http://127.0.0.1:1/hook?p=%PROJECT%&id=%BUILD-ID%&s=%BUILD-STATE%\n");
        long ok = run(f, "ok", Outcome.SUCCEEDED);
        long bad = run(f, "bad", Outcome.FAILED);
        long stopped = run(f, "stopped", Outcome.CANCELLED);
        assertEquals(
                List.of(
                        "http://127.0.0.1:1/hook?p=hooked&id=" + ok + "&s=OK",
                        "http://127.0.0.1:1/hook?p=hooked&id=" + bad + "&s=FAILED",
                        "http://127.0.0.1:1/hook?p=hooked&id=" + stopped + "&s=TERMINATED"),
                f.repo.notificationsAfter(0, 10).stream().map(n -> n.url()).toList());
    }

    @Test
    void onFailureMeansFailedOrTimedOut() {
        project("failure", server.getAddress().getPort());
        run(f, "ok", Outcome.SUCCEEDED);
        assertEquals(0, f.repo.notificationsAfter(0, 10).size());
        run(f, "bad", Outcome.FAILED);
        run(f, "slow", Outcome.TIMED_OUT);
        run(f, "stopped", Outcome.CANCELLED);
        assertEquals(2, f.repo.notificationsAfter(0, 10).size());
    }

    @Test
    void receiverAnswering503IsTriedThreeTimesThenLogged() throws Exception {
        status = 503;
        int port = server.getAddress().getPort();
        project("any", port);
        long id = run(f, "a", Outcome.FAILED);
        startNotifier(f);
        String line = awaitSyslog(f, id, l -> l.contains("notify "));
        assertTrue(line.endsWith("notify http://127.0.0.1:" + port + "/hook failed after 3 tries: status 503"), line);
        assertEquals(3, received.size());
    }

    @Test
    void receiverDownIsTriedThreeTimesThenConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        project("any", closedPort);
        long id = run(f, "a", Outcome.SUCCEEDED);
        startNotifier(f);
        String line = awaitSyslog(f, id, l -> l.contains("notify "));
        assertTrue(
                line.endsWith("notify http://127.0.0.1:" + closedPort + "/hook failed after 3 tries: "
                        + "connection refused"),
                line);
        assertFalse(line.contains("s3cret"));
    }

    @Test
    void aPendingCallSurvivesAnEngineRestart() throws Exception {
        int port = server.getAddress().getPort();
        project("any", port);
        long id = run(f, "a", Outcome.SUCCEEDED); // recorded with the end; no notifier ran: then the crash
        assertEquals(1, f.repo.notificationsAfter(0, 10).size());
        f.close();

        f = new EngineFixture(home, f.clock.instant());
        startNotifier(f);
        String line = awaitSyslog(f, id, l -> l.contains("notify "));
        assertTrue(line.endsWith("delivered (200)"), line);
        assertEquals(1, received.size());
        assertTrue(f.repo.notificationsAfter(0, 10).isEmpty());
    }

    @Test
    void theProductPolicyIsThreeTriesOneAndFourSecondsApartFiveSecondsEach() {
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(4)), WebhookNotifier.BACKOFFS);
        assertEquals(Duration.ofSeconds(5), WebhookNotifier.TIMEOUT);
    }
}
