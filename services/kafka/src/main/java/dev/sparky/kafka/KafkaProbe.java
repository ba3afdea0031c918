package dev.sparky.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Answers "is the broker reachable?" for readiness checks without ever blocking the caller for long: the
 * question is asked in the background, at most once per {@code cacheFor}, and a question unanswered within
 * {@link #ANSWER_WITHIN} counts as "unreachable". Health endpoints must answer fast, or the prober (Kubernetes,
 * a test) times out and sees no answer at all instead of a clear "not ready".
 */
public final class KafkaProbe implements AutoCloseable {
    /** How long the broker may take to answer before it counts as unreachable. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    /** The answer, with a reason a person can act on when it is not reachable. */
    public record Result(boolean reachable, String detail) {
    }

    private final Admin admin;
    private final String bootstrap;
    private final Clock clock;
    private final Duration cacheFor;
    private Result last;
    private Instant askedAt = Instant.EPOCH;
    private CompletableFuture<Result> pending;

    public KafkaProbe(KafkaSettings settings, Clock clock, Duration cacheFor) {
        this.admin = Admin.create(settings.admin("sparky-health"));
        this.bootstrap = settings.bootstrapServers();
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    public synchronized Result check() {
        Instant now = clock.instant();
        if (pending == null && (last == null || !now.isBefore(askedAt.plus(cacheFor)))) {
            pending = ask();
            askedAt = now;
        }
        if (pending != null) {
            // Only the very first check waits (briefly) for an answer; later ones return the last one at once.
            Result answer = last == null ? waitBriefly(pending) : pending.getNow(null);
            if (answer != null) {
                last = answer;
                pending = null;
            } else if (!clock.instant().isBefore(askedAt.plus(ANSWER_WITHIN))) {
                last = new Result(false, "Kafka " + bootstrap + " unreachable: no answer within "
                        + ANSWER_WITHIN.toSeconds() + " s");
            }
        }
        return last != null ? last : new Result(false, "Kafka " + bootstrap + " unreachable: no answer yet");
    }

    private CompletableFuture<Result> ask() {
        CompletableFuture<Result> answer = new CompletableFuture<>();
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ANSWER_WITHIN.toMillis() * 2)).nodes()
                .whenComplete((Collection<Node> nodes, Throwable error) -> answer.complete(error != null
                        ? new Result(false, "Kafka " + bootstrap + " unreachable: " + error.getClass().getSimpleName())
                        : nodes.isEmpty() ? new Result(false, "Kafka " + bootstrap + ": no brokers")
                        : new Result(true, "Kafka " + bootstrap + ": " + nodes.size() + " broker(s)")));
        return answer;
    }

    private static Result waitBriefly(CompletableFuture<Result> f) {
        try {
            return f.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
