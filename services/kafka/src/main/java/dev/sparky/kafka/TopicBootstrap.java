package dev.sparky.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics if they do not exist yet. Only the dispatcher creates them (its principal alone has CREATE,
 * see {@link SparkyAcls}), at start-up, so a fresh cluster needs no separate set-up job; creating an existing
 * topic is a no-op. Other services wait until the topics they use exist ({@link #requireExisting}).
 */
public final class TopicBootstrap {

    /** A topic and its partition count. The job queue must have one partition (see docs/adr/0001). */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        public TopicSpec(String name, int partitions) {
            this(name, partitions, Map.of());
        }
    }

    private TopicBootstrap() {
    }

    /**
     * Checks that the topics exist and that this principal may see them.
     *
     * @throws IllegalStateException naming the missing topics, or when the broker cannot be reached
     */
    public static void requireExisting(KafkaSettings settings, List<String> topics) {
        try (Admin admin = Admin.create(settings.admin("sparky-topic-check"))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("topics " + missing + " do not exist yet (the dispatcher creates "
                        + "them) or this service's Kafka user may not use them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + settings.bootstrapServers() + ": " + e, e);
        }
    }

    /**
     * @throws IllegalStateException when the broker cannot be reached within the timeout
     */
    public static void ensure(KafkaSettings settings, short replicationFactor, List<TopicSpec> topics) {
        try (Admin admin = Admin.create(settings.admin("sparky-topic-bootstrap"))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec t : topics) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another service created it between our list and create: that is the state we wanted.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + settings.bootstrapServers() + ": " + e, e);
        }
    }
}
