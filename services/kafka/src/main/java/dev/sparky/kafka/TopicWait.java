package dev.sparky.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The wait of a service that does not create topics for the ones it uses: asks the broker now and then until
 * they all exist, for at most a bounded time, then fails naming the topics still missing. Only the dispatcher
 * creates topics (docs/architecture.md), so a missing topic means the dispatcher has not started yet, or was
 * not told about this runner pool, or this service's Kafka user may not see the topic.
 */
public final class TopicWait {
    /** The topics were still missing, or the broker unreachable, when the wait ran out. */
    public static final class TopicsMissingException extends IllegalStateException {
        private final List<String> missing;

        TopicsMissingException(String message, List<String> missing) {
            super(message);
            this.missing = List.copyOf(missing);
        }

        /** The topics not found; all of them when the broker never answered. */
        public List<String> missing() {
            return missing;
        }
    }

    /** Lists the topic names this service may see; throws when the broker cannot be asked. */
    @FunctionalInterface
    public interface TopicLister {
        Set<String> names() throws Exception;
    }

    private final TopicLister lister;
    private final String bootstrap;
    private final Duration timeout;
    private final Duration pause;
    private final Clock clock;

    public TopicWait(TopicLister lister, String bootstrap, Duration timeout, Duration pause, Clock clock) {
        this.lister = lister;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        this.pause = pause;
        this.clock = clock;
    }

    /** A wait on the broker of these settings, asking every two seconds. */
    public static TopicWait on(KafkaSettings settings, Duration timeout) {
        return new TopicWait(
                () -> list(settings), settings.bootstrapServers(), timeout, Duration.ofSeconds(2), Clock.systemUTC());
    }

    /**
     * Waits until every topic exists.
     *
     * @return true once they all exist, false when {@code stop} said so (or the thread was interrupted) first
     * @throws TopicsMissingException naming the missing topics when the time ran out
     */
    public boolean await(List<String> topics, BooleanSupplier stop) {
        Instant deadline = clock.instant().plus(timeout);
        List<String> missing = topics;
        String lastError = null;
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            try {
                Set<String> existing = lister.names();
                missing = topics.stream().filter(t -> !existing.contains(t)).toList();
                lastError = null;
                if (missing.isEmpty()) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                lastError = String.valueOf(e.getMessage());
            }
            if (!clock.instant().isBefore(deadline)) {
                String message = lastError != null
                        ? "Kafka " + bootstrap + " did not answer within " + timeout.toSeconds() + " s (" + lastError
                                + "); waiting for topics " + topics
                        : missingMessage(missing, bootstrap) + " (waited " + timeout.toSeconds() + " s)";
                throw new TopicsMissingException(message, missing);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** What a person reads when topics are missing: which ones, and what usually causes it. */
    static String missingMessage(List<String> missing, String bootstrap) {
        return "topic" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " missing on Kafka "
                + bootstrap + ": the dispatcher creates the topics at start (a runner pool's job topic only when "
                + "SPARKY_RUNNER_POOLS lists the pool), and this service's Kafka user must be allowed to see them";
    }

    private static Set<String> list(KafkaSettings settings)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(settings.admin("sparky-topic-wait"))) {
            return admin.listTopics().names().get(15, TimeUnit.SECONDS);
        }
    }
}
