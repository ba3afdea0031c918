package dev.sparky.ui.trigger;

import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.kafka.EventPublisher;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.ui.config.UiConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * {@link RequestPublisher} over the plain Kafka producer (acks=all). Plain rather than a messaging
 * emitter because a trigger must answer only after the broker acknowledged, within a bounded time.
 * Both topics are keyed by project so one project's requests and cancels stay in order.
 */
@ApplicationScoped
public class KafkaRequestPublisher implements RequestPublisher {
    private final EventPublisher publisher;
    private final Duration timeout;

    public KafkaRequestPublisher(UiConfig config, KafkaSettings settings) {
        this.publisher = new EventPublisher(settings, "sparky-ui");
        this.timeout = config.trigger().ackTimeout();
    }

    @Override
    public void publish(BuildRequest request) {
        // A request that carries code to run goes on the ui-service's own topic: the dispatcher refuses a scenario
        // on the public sparky.build-requests, which other applications may write.
        String topic = request.scenario() != null ? Topics.BUILD_COMMANDS : Topics.BUILD_REQUESTS;
        publisher.publish(topic, request.project(), request, timeout);
    }

    @Override
    public void publish(CancelBuild cancel) {
        publisher.publish(Topics.BUILD_COMMANDS, cancel.project(), cancel, timeout);
    }

    @Override
    public void publish(ApiTokenCommand command) {
        publisher.publish(Topics.BUILD_COMMANDS, dev.sparky.contracts.events.ApiTokenCommand.KEY, command, timeout);
    }

    @PreDestroy
    void close() {
        publisher.close();
    }
}
