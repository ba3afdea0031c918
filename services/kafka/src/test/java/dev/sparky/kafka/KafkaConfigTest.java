package dev.sparky.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {
    private static KafkaConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(KafkaConfig.class);
    }

    @Test
    void defaultsReachALocalBrokerWithoutCredentials() {
        KafkaConfig c = load(Map.of());
        assertEquals("127.0.0.1:9092", c.bootstrapServers());
        assertEquals(Map.of(), c.common());
        assertEquals(Duration.ofMinutes(2), c.topicWait());
    }

    @Test
    void theCredentialsFileSettingsReachEveryClient() {
        KafkaSettings s = KafkaConfig.settings(load(Map.of(
                "sparky.kafka.bootstrap-servers",
                "kafka:9093",
                "sparky.kafka.client.security.protocol",
                "SASL_PLAINTEXT",
                "sparky.kafka.client.sasl.mechanism",
                "SCRAM-SHA-512")));
        for (var props : java.util.List.of(s.producer("p"), s.consumer("g", "c"), s.admin("a"))) {
            assertEquals("kafka:9093", props.get("bootstrap.servers"));
            assertEquals("SASL_PLAINTEXT", props.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        }
        assertEquals("all", s.producer("p").get("acks"));
        assertEquals("true", s.producer("p").get("enable.idempotence"));
    }

    @Test
    void aTopicNameLeftInTheConfigurationStopsTheServiceNamingTheKey() {
        KafkaConfig.refuseTopicNames(java.util.List.of("sparky.kafka.bootstrap-servers", "sparky.home"));
        var e = assertThrows(
                IllegalStateException.class,
                () -> KafkaConfig.refuseTopicNames(java.util.List.of("sparky.home", "sparky.topics.jobs")));
        assertTrue(e.getMessage().contains("sets sparky.topics.jobs"), e.getMessage());
        assertTrue(e.getMessage().endsWith("remove sparky.topics.jobs"), e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> KafkaConfig.refuseTopicNames(java.util.List.of("SPARKY_TOPICS_BUILD_REQUESTS")));
    }
}
