package dev.sparky.dispatcher.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Posts notify hooks, off the engine thread: takes committed calls from the {@link NotifyChannel}, posts the
 * JSON (timeout per try), tries again after each back-off, and reports the outcome through the channel. It
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
    private final ScheduledExecutorService senders;
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
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.senders = Executors.newScheduledThreadPool(2, r -> daemon(r, "sparky-notifier-send"));
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
                    senders.execute(() -> attempt(n, 1));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the pool was shut down while closing: the pending rows are sent again after the restart
                return;
            }
        }
    }

    private void attempt(PendingNotification n, int tryNo) {
        String failure;
        try {
            HttpResponse<Void> r = http.send(request(n), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                channel.report(new NotifyResult(n.id(), n.buildId(), n.url(), true, "" + r.statusCode(), tryNo));
                return;
            }
            failure = "status " + r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // closing: the row stays and is sent after the restart
        } catch (IOException | RuntimeException e) {
            failure = describe(e, n.url());
        }
        if (tryNo > backoffs.size() || !running) {
            LOG.warnf("notify %s for build %d failed after %d tries: %s", SafeUrl.of(n.url()), n.buildId(), tryNo,
                    failure);
            channel.report(new NotifyResult(n.id(), n.buildId(), n.url(), false, failure, tryNo));
            return;
        }
        try {
            senders.schedule(() -> attempt(n, tryNo + 1), backoffs.get(tryNo - 1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // closing: the row stays and is sent after the restart
        }
    }

    private HttpRequest request(PendingNotification n) {
        return HttpRequest.newBuilder(URI.create(n.url())).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "sparky-dispatcher")
                .POST(HttpRequest.BodyPublishers.ofByteArray(n.body())).build();
    }

    /** What went wrong, in words, without the URL's secrets. */
    static String describe(Exception e, String url) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return e.getMessage() == null || e.getMessage().contains("refused") ? "connection refused"
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
        senders.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
