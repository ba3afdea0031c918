package dev.sparky.dispatcher.notify;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Posts notify hooks, off the engine thread: takes committed calls from the {@link NotifyChannel}, posts the
 * JSON (timeout per try), tries again after each back-off, and reports the outcome through the channel. The
 * tries are a SmallRye Fault Tolerance retry around the asynchronous post, so no thread waits out a back-off. It
 * never touches the database: the engine deletes the pending row when the outcome comes back, so a call
 * interrupted by a restart is made again (receivers may see a duplicate, never a loss).
 */
public final class WebhookNotifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);
    /** The product's policy: 5 s per try, three tries, 1 s then 4 s apart. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    public static final List<Duration> BACKOFFS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(4));

    private final NotifyChannel channel;
    private final Duration timeout;
    private final List<Duration> backoffs;
    private final HttpClient http;
    private final TypedGuard<CompletionStage<Integer>> retry;
    private final Thread taker;
    private volatile boolean running = true;

    public WebhookNotifier(NotifyChannel channel) {
        this(channel, TIMEOUT, BACKOFFS);
    }

    /** @param backoffs the pauses between tries; their number + 1 is the number of tries */
    public WebhookNotifier(NotifyChannel channel, Duration timeout, List<Duration> backoffs) {
        this.channel = channel;
        this.timeout = timeout;
        this.backoffs = List.copyOf(backoffs);
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retry = TypedGuard.create(new TypeLiteral<CompletionStage<Integer>>() {})
                .withDescription("notify hook")
                .withRetry()
                .maxRetries(this.backoffs.size())
                .maxDuration(longest(timeout, this.backoffs), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .abortOn(Closing.class)
                .withCustomBackoff()
                .strategy(() -> new Pauses(this.backoffs))
                .done()
                .done()
                .withThreadOffload(false)
                .build();
        this.taker = daemon(this::takeLoop, "sparky-notifier");
    }

    public WebhookNotifier start() {
        taker.start();
        return this;
    }

    private void takeLoop() {
        while (running) {
            try {
                PendingNotification n = channel.next(500);
                if (n != null) {
                    send(n);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // closing: the pending rows are sent again after the restart
                return;
            }
        }
    }

    private void send(PendingNotification n) {
        AtomicInteger tries = new AtomicInteger();
        retry.get(() -> post(n, tries)).whenComplete((status, error) -> {
            if (error == null) {
                channel.report(new NotifyResult(n.id(), n.buildId(), n.url(), true, "" + status, tries.get()));
                return;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof Closing) {
                return; // the row stays and is sent after the restart
            }
            String failure = cause instanceof Exception e ? describe(e, n.url()) : cause.toString();
            LOG.warnf(
                    "notify %s for build %d failed after %d tries: %s",
                    SafeUrl.of(n.url()), n.buildId(), tries.get(), failure);
            channel.report(new NotifyResult(n.id(), n.buildId(), n.url(), false, failure, tries.get()));
        });
    }

    /** One try: completes with the 2xx status, or fails with what went wrong (a non-2xx answer included). */
    private CompletableFuture<Integer> post(PendingNotification n, AtomicInteger tries) {
        if (!running) {
            return CompletableFuture.failedFuture(new Closing());
        }
        tries.incrementAndGet();
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = http.sendAsync(request(n), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // an invalid URL
        }
        return sent.handle((r, e) -> {
                    if (e != null) {
                        return CompletableFuture.<Integer>failedFuture(unwrap(e));
                    }
                    return r.statusCode() / 100 == 2
                            ? CompletableFuture.completedFuture(r.statusCode())
                            : CompletableFuture.<Integer>failedFuture(new StatusException(r.statusCode()));
                })
                .thenCompose(f -> f);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Long enough for every try to time out and every back-off to pass, so the retry never ends early. */
    private static long longest(Duration timeout, List<Duration> backoffs) {
        long total = timeout.toMillis() * (backoffs.size() + 2);
        for (Duration d : backoffs) {
            total += d.toMillis();
        }
        return total;
    }

    /** The back-offs in the order given, the last one repeated if the retry asks for more. */
    private static final class Pauses implements CustomBackoffStrategy {
        private final List<Duration> pauses;
        private int next;

        Pauses(List<Duration> pauses) {
            this.pauses = pauses;
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            return pauses.isEmpty()
                    ? 0
                    : pauses.get(Math.min(next++, pauses.size() - 1)).toMillis();
        }
    }

    /** The receiver answered, but not with 2xx. */
    static final class StatusException extends IOException {
        StatusException(int status) {
            super("status " + status);
        }
    }

    /** The notifier is closing: no more tries, and no outcome (the row is sent again after the restart). */
    private static final class Closing extends IOException {
        Closing() {
            super("closing");
        }
    }

    private HttpRequest request(PendingNotification n) {
        return HttpRequest.newBuilder(URI.create(n.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "sparky-dispatcher")
                .POST(HttpRequest.BodyPublishers.ofByteArray(n.body()))
                .build();
    }

    /** What went wrong, in words, without the URL's secrets. */
    static String describe(Exception e, String url) {
        if (e instanceof StatusException) {
            return e.getMessage();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return e.getMessage() == null || e.getMessage().contains("refused")
                    ? "connection refused"
                    : "cannot connect: " + e.getMessage().replace(url, SafeUrl.of(url));
        }
        if (e instanceof IllegalArgumentException) {
            return "invalid URL";
        }
        String msg = e.getMessage() == null ? "" : ": " + e.getMessage().replace(url, SafeUrl.of(url));
        return e.getClass().getSimpleName() + msg;
    }

    @Override
    public void close() {
        running = false;
        taker.interrupt();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
