package dev.sparky.ui.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.events.BuildEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Build events put on the build-events channel (in-memory connector in %test) reach every open
 * /api/v1/events stream, filtered by project when asked; closed streams are forgotten.
 */
@QuarkusTest
class EventsStreamTest {
    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    EventHub hub;

    @Inject
    StreamSlots slots;

    @Inject
    dev.sparky.ui.FakeDispatcher dispatcher;

    @TestHTTPResource("/")
    URL base;

    /** A raw SSE client: one line per queue entry, so the test controls exactly when the connection closes. */
    final class Client implements AutoCloseable {
        final Socket socket;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Client(String path) throws Exception {
            socket = new Socket(base.getHost(), base.getPort());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread reader = new Thread(() -> {
                try (var in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception e) {
                    // closed by the test
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String await(String prefix) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until) {
                String l = lines.poll(100, TimeUnit.MILLISECONDS);
                if (l != null && l.startsWith(prefix)) {
                    return l;
                }
            }
            throw new AssertionError("no line starting with '" + prefix + "' within 10 s");
        }

        /** Lines that arrived meanwhile, keep-alive comments left out. */
        boolean sawBuildEvent() {
            return lines.stream().anyMatch(l -> l.startsWith("event:build") || l.startsWith("event: build"));
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    static String event(long id, String project, BuildState state) {
        return new String(
                Json.write(BuildEvent.of(id, "job-" + id, project, state, 1, null, null, "runner-1", "<b>desc</b>")),
                StandardCharsets.UTF_8);
    }

    @Test
    void eventsReachEveryStreamAndClosedStreamsAreForgotten() throws Exception {
        try (Client all = new Client("/api/v1/events");
                Client other = new Client("/api/v1/events?project=other")) {
            all.await("event:ready");
            other.await("event:ready");
            assertTrue(hub.streams() >= 2, "both streams subscribed");
            var source = connector.source("build-events");
            source.send("this is not json"); // skipped, the channel keeps going
            source.send(event(41, "hello", BuildState.RUNNING));
            all.await("event:build");
            String data = all.await("data:");
            BuildEvent got =
                    Json.read(data.substring("data:".length()).getBytes(StandardCharsets.UTF_8), BuildEvent.class);
            assertEquals(41, got.buildId());
            assertEquals("hello", got.project());
            assertEquals(BuildState.RUNNING, got.state());
            assertEquals("<b>desc</b>", got.description());
            all.await(":"); // the keep-alive comment (every 200 ms in %test)
            assertTrue(!other.sawBuildEvent(), "a stream for another project gets nothing of hello");
            source.send(event(42, "other", BuildState.SUCCEEDED));
            other.await("event:build");
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(0, hub.streams(), "streams of closed connections are dropped"));
    }

    @Test
    void aClientHoldsAtMostEightStreamsAndGetsOneBackWhenItClosesOne() throws Exception {
        awaitOpenStreams(0);
        dispatcher.add(
                dev.sparky.ui.FakeDispatcher.build(9, "hello", "abc", BuildState.RUNNING, "d", java.util.Map.of()));
        java.util.List<Client> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Client c = new Client("/api/v1/events");
                open.add(c);
                c.await("event:ready");
            }
            try (Client ninth = new Client("/api/v1/events")) {
                assertTrue(ninth.await("HTTP/1.1 ").startsWith("HTTP/1.1 429"), "the ninth stream is refused");
            }
            io.restassured.RestAssured.given()
                    .get("/api/v1/builds/9/log/stream")
                    .then()
                    .statusCode(429)
                    .contentType("application/problem+json")
                    .body(
                            "detail",
                            org.hamcrest.Matchers.startsWith(
                                    "too many live streams from 127.0.0.1: at most 8 may be open at once from one client "
                                            + "address (sparky.stream.max-per-client)"));
            open.remove(0).close();
            awaitOpenStreams(7);
            Client again = new Client("/api/v1/events");
            open.add(again);
            again.await("event:ready");
        } finally {
            for (Client c : open) {
                c.close();
            }
        }
        awaitOpenStreams(0);
    }

    private void awaitOpenStreams(int n) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(n, slots.open(), "open live streams"));
    }

    @Test
    void badProjectFilterIs400() throws Exception {
        io.restassured.RestAssured.given()
                .get("/api/v1/events?project=a..b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
