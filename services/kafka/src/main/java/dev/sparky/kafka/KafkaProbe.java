package dev.sparky.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Answers "is the broker reachable?" for readiness checks, with a short timeout and a small cache so a
 * probe storm does not become an admin-request storm.
 */
public final class KafkaProbe implements AutoCloseable {
    /** The answer, with a reason a person can act on when it is not reachable. */
    public record Result(boolean reachable, String detail) {
    }

    private final Admin admin;
    private final String bootstrap;
    private final Clock clock;
    private final Duration cacheFor;
    private Result last;
    private Instant lastAt = Instant.EPOCH;

    public KafkaProbe(KafkaSettings settings, Clock clock, Duration cacheFor) {
        this.admin = Admin.create(settings.admin("sparky-health"));
        this.bootstrap = settings.bootstrapServers();
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    public synchronized Result check() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(lastAt.plus(cacheFor))) {
            return last;
        }
        try {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            last = nodes > 0 ? new Result(true, "Kafka " + bootstrap + ": " + nodes + " broker(s)")
                    : new Result(false, "Kafka " + bootstrap + ": no brokers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new Result(false, "interrupted");
        } catch (Exception e) {
            last = new Result(false, "Kafka " + bootstrap + " unreachable: " + e.getClass().getSimpleName());
        }
        lastAt = now;
        return last;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
