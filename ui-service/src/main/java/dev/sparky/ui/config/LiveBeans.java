package dev.sparky.ui.config;

import dev.sparky.kafka.KafkaConfig;
import dev.sparky.ui.live.EventHub;
import dev.sparky.ui.live.StreamSlots;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/** The live event fan-out and the Kafka settings of the build-events channel. */
public class LiveBeans {

    @Produces
    @Singleton
    EventHub eventHub(UiConfig config, MeterRegistry registry) {
        EventHub hub = new EventHub(config.events().buffer());
        Gauge.builder("sparky.ui.event.streams", hub, EventHub::streams)
                .description("browser event streams open on this replica")
                .register(registry);
        return hub;
    }

    @Produces
    @Singleton
    StreamSlots streamSlots(UiConfig config, MeterRegistry registry) {
        StreamSlots slots =
                new StreamSlots(config.stream().maxPerClient(), config.stream().maxTotal());
        Gauge.builder("sparky.ui.live.streams", slots, StreamSlots::open)
                .description("live streams (events and logs) open on this replica")
                .register(registry);
        return slots;
    }

    /**
     * Connection settings for the build-events channel (attribute kafka-configuration=sparky-kafka), taken
     * from sparky.kafka.*, so TLS and SASL are configured once for every Kafka client of this service.
     */
    @Produces
    @Singleton
    @Unremovable
    @Identifier("sparky-kafka")
    Map<String, Object> kafkaChannelSettings(KafkaConfig config) {
        Map<String, Object> settings = new HashMap<>(config.common());
        settings.put("bootstrap.servers", config.bootstrapServers());
        return settings;
    }
}
