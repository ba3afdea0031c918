package dev.sparky.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;

/**
 * Answers "is the broker reachable?" for readiness checks without ever blocking the caller for long: the
 * question is asked in the background, at most once per {@code cacheFor}, and a question unanswered within
 * {@link #ANSWER_WITHIN} counts as "unreachable". Health endpoints must answer fast, or the prober (Kubernetes,
 * a test) times out and sees no answer at all instead of a clear "not ready". Given the topics a service uses,
 * a broker without one of them counts as "not ready" too, with the missing topics named (the dispatcher creates
 * them; until it has, the service could accept work it cannot hand on).
 */
public final class KafkaProbe implements AutoCloseable {
    /** How long the broker may take to answer before it counts as unreachable. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    /** The answer, with a reason a person can act on when it is not reachable. */
    public record Result(boolean reachable, String detail) {}

    private final Admin admin;
    private final String bootstrap;
    private final Clock clock;
    private final Duration cacheFor;
    private final List<String> requiredTopics;
    private Result last;
    private Instant askedAt = Instant.EPOCH;
    private CompletableFuture<Result> pending;

    public KafkaProbe(KafkaSettings settings, Clock clock, Duration cacheFor) {
        this(settings, clock, cacheFor, List.of());
    }

    /** @param requiredTopics the topics the service uses ({@link SparkyTopics}); each must exist to be ready */
    public KafkaProbe(KafkaSettings settings, Clock clock, Duration cacheFor, List<String> requiredTopics) {
        this.admin = Admin.create(settings.admin("sparky-health"));
        this.bootstrap = settings.bootstrapServers();
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.requiredTopics = List.copyOf(requiredTopics);
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
                last = new Result(
                        false,
                        "Kafka " + bootstrap + " unreachable: no answer within " + ANSWER_WITHIN.toSeconds() + " s");
            }
        }
        return last != null ? last : new Result(false, "Kafka " + bootstrap + " unreachable: no answer yet");
    }

    private CompletableFuture<Result> ask() {
        CompletableFuture<Result> answer = new CompletableFuture<>();
        int timeoutMs = (int) ANSWER_WITHIN.toMillis() * 2;
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                .nodes()
                .toCompletionStage()
                .thenCompose(this::topicsOf)
                .whenComplete((Result result, Throwable error) -> answer.complete(
                        error != null
                                ? new Result(false, "Kafka " + bootstrap + " unreachable: " + rootName(error))
                                : result));
        return answer;
    }

    private CompletionStage<Result> topicsOf(Collection<Node> nodes) {
        if (nodes.isEmpty()) {
            return CompletableFuture.completedFuture(new Result(false, "Kafka " + bootstrap + ": no brokers"));
        }
        Result reachable = new Result(true, "Kafka " + bootstrap + ": " + nodes.size() + " broker(s)");
        if (requiredTopics.isEmpty()) {
            return CompletableFuture.completedFuture(reachable);
        }
        return admin.listTopics(new ListTopicsOptions().timeoutMs((int) ANSWER_WITHIN.toMillis() * 2))
                .names()
                .toCompletionStage()
                .thenApply((Set<String> existing) -> {
                    List<String> missing = requiredTopics.stream()
                            .filter(t -> !existing.contains(t))
                            .toList();
                    return missing.isEmpty()
                            ? reachable
                            : new Result(false, TopicWait.missingMessage(missing, bootstrap));
                });
    }

    private static String rootName(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
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
