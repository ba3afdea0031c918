package dev.sparky.bench.sys;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Timed GETs that read the whole body without keeping it: latency of pages and the 200 MB log download.
 * HTTP/1.1 with keep-alive, as a browser or curl talks to the service (no h2c upgrade attempt).
 */
public final class Http {
    /** A timed answer: status, bytes read, milliseconds from sending to the last byte. */
    public record Timed(int status, long bytes, double millis) {}

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Timed get(String url, Duration timeout) {
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            long n = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = r.body()) {
                for (int k; (k = in.read(buf)) > 0; ) {
                    n += k;
                }
            }
            return new Timed(r.statusCode(), n, (System.nanoTime() - t0) / 1e6);
        } catch (IOException e) {
            return new Timed(-1, 0, (System.nanoTime() - t0) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
