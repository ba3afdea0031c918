package dev.sparky.runner.jobapi;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Sparky's job API client ({@code Sparky::JobApi}) always calls {@code http://127.0.0.1:$SPARKY_TCP_PORT}; in a
 * runner pod nothing answers there. This serves that port on the runner's loopback and passes Sparky's job API
 * routes ({@link ForwardedRoutes}) on to the UI's job API URL, so a sparrowfile's {@code queue()}, stash and files
 * work unchanged on Kubernetes.
 *
 * <p>It opens no new door: it listens on 127.0.0.1 only; it adds no credential, the request's own {@code token}
 * header goes on unchanged and the UI checks it as from anywhere else; it forwards a token only while a build
 * holding that token runs on this runner ({@link #admit}), so a build elsewhere, which can reach the UI itself
 * anyway, gets nothing from this runner's port; no other header (cookies, Authorization) and no other path of the
 * UI passes. It starts with the first build that needs it, never at the runner's start.
 */
public final class JobApiForwarder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobApiForwarder.class);
    static final String NOT_A_ROUTE = "this loopback port forwards only Sparky::JobApi's routes to the job API";
    static final String NOT_THIS_RUNNER = "the token is not the token of a build running on this runner: call the "
            + "job API of this runner's own build, or the UI's URL ($SPARKY_API) directly";

    private final Vertx vertx;
    private final URI target;
    /** The tokens of the builds running here that may use the port, and how many of their leases are open. */
    private final Map<String, Integer> admitted = new ConcurrentHashMap<>();

    private HttpServer server;
    private HttpClient client;

    /** @param target the job API's base URL ({@code sparky.runner.api-url}) */
    public JobApiForwarder(Vertx vertx, String target) {
        this.vertx = vertx;
        this.target = URI.create(target.endsWith("/") ? target.substring(0, target.length() - 1) : target);
    }

    /** The loopback port, started on the first call. */
    public synchronized int port() {
        if (server == null) {
            client = vertx.createHttpClient(
                    new HttpClientOptions().setConnectTimeout(10_000).setKeepAlive(true));
            HttpServer s = vertx.createHttpServer(
                            new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(this::handle);
            try {
                server = s.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the job API forwarder could not listen on 127.0.0.1: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the job API forwarder", e);
            }
            LOG.infof("Sparky::JobApi forwarder listening on 127.0.0.1:%d for %s", server.actualPort(), target);
        }
        return server.actualPort();
    }

    /** Lets {@code token}'s requests through until the lease is closed (the build ended). */
    public Admission admit(String token) {
        if (token == null || token.isBlank()) {
            return () -> {};
        }
        admitted.merge(token, 1, Integer::sum);
        return () -> admitted.computeIfPresent(token, (t, n) -> n > 1 ? n - 1 : null);
    }

    /** A build's permission to use the port; closed when the build ends. */
    @FunctionalInterface
    public interface Admission extends AutoCloseable {
        @Override
        void close();
    }

    private boolean isAdmitted(String token) {
        if (token == null) {
            return false;
        }
        byte[] sent = token.strip().getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (String t : admitted.keySet()) { // every one compared in full: no early answer to time
            found |= MessageDigest.isEqual(sent, t.getBytes(StandardCharsets.UTF_8));
        }
        return found;
    }

    private void handle(HttpServerRequest in) {
        ForwardedRoutes.Route route = ForwardedRoutes.find(in.method().name(), in.path());
        if (route == null) {
            refuse(in, 404, NOT_A_ROUTE + ", not " + in.method().name() + " " + printable(in.path()));
            return;
        }
        String token = in.getHeader("token");
        if (route.token() && !isAdmitted(token)) {
            refuse(in, 403, NOT_THIS_RUNNER);
            return;
        }
        in.pause();
        RequestOptions out = new RequestOptions().setMethod(in.method()).setAbsoluteURI(target + in.path());
        if (route.token()) {
            out.putHeader("token", token);
        }
        copy(in.getHeader(HttpHeaders.CONTENT_TYPE), HttpHeaders.CONTENT_TYPE.toString(), out);
        copy(in.getHeader(HttpHeaders.CONTENT_LENGTH), HttpHeaders.CONTENT_LENGTH.toString(), out);
        client.request(out)
                .compose(request -> request.send(in))
                .onSuccess(answer -> {
                    in.response().setStatusCode(answer.statusCode());
                    for (CharSequence h : new CharSequence[] {HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH}) {
                        String v = answer.getHeader(h);
                        if (v != null) {
                            in.response().putHeader(h, v);
                        }
                    }
                    in.response().send(answer);
                })
                .onFailure(e -> {
                    LOG.warnf("Sparky::JobApi forwarder: %s %s failed: %s", in.method(), in.path(), e.toString());
                    if (!in.response().headWritten()) {
                        refuse(in, 502, "the job API at " + target + " did not answer: " + e.getMessage());
                    } else {
                        in.connection().close();
                    }
                });
    }

    private static void copy(String value, String name, RequestOptions out) {
        if (value != null) {
            out.putHeader(name, value);
        }
    }

    private static void refuse(HttpServerRequest in, int status, String message) {
        in.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(message + "\n");
    }

    private static String printable(String path) {
        String p = path == null ? "" : path.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            client.close();
            server = null;
        }
    }
}
