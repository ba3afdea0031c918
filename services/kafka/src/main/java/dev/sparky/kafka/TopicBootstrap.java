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
 * topic is a no-op. Other services wait until the topics they use exist ({@link TopicWait}).
 */
public final class TopicBootstrap {

    /** A topic, its partition count and its topic configs ({@link SparkyTopics} has the product's). */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        public TopicSpec(String name, int partitions) {
            this(name, partitions, Map.of());
        }
    }

    private TopicBootstrap() {}

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
