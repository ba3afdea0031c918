package dev.sparky.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;

/**
 * How every service reaches Kafka ({@code sparky.kafka.*}), read the same way by all of them. The credentials
 * come from the service's credentials file: a properties file (mode 0600, one per Kafka user, named by
 * {@code QUARKUS_CONFIG_LOCATIONS}; a Secret on Kubernetes) holding {@code sparky.kafka.client.security.protocol},
 * {@code sparky.kafka.client.sasl.mechanism} and {@code sparky.kafka.client.sasl.jaas.config}. Topic names are
 * not configuration ({@link SparkyTopics} says why).
 */
@ConfigMapping(prefix = "sparky.kafka")
public interface KafkaConfig {

    /** Brokers, {@code host:port[,host:port...]} (env {@code KAFKA_BOOTSTRAP_SERVERS}). */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /**
     * Extra settings for every Kafka client of this service (security.protocol, ssl.*, sasl.*), usually from
     * the credentials file: TLS and SASL are configuration only, see docs/security.md.
     */
    @WithName("client")
    Map<String, String> common();

    /**
     * How long a service that does not create topics waits for the ones it uses (the dispatcher creates them)
     * before it reports, naming them, that they are missing. It keeps waiting afterwards, unready.
     */
    @WithDefault("2m")
    Duration topicWait();

    /** The connection settings every client of the service is built from. */
    static KafkaSettings settings(KafkaConfig config) {
        return new KafkaSettings(config.bootstrapServers(), config.common());
    }
}
