package dev.sparky.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

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

    /**
     * The connection settings every client of the service is built from.
     *
     * @throws IllegalStateException when the configuration still names a topic ({@link #refuseTopicNames})
     */
    static KafkaSettings settings(KafkaConfig config) {
        refuseTopicNames(ConfigProvider.getConfig().getPropertyNames());
        return new KafkaSettings(config.bootstrapServers(), config.common());
    }

    /**
     * Refuses the {@code sparky.topics.*} keys (env {@code SPARKY_TOPICS_*}) earlier versions read: topic names
     * are fixed now, and a service that silently ignored a renamed topic would look configured but use another.
     *
     * @throws IllegalStateException naming the first such key and saying what to do
     */
    static void refuseTopicNames(Iterable<String> propertyNames) {
        for (String key : propertyNames) {
            if (key.startsWith("sparky.topics.") || key.startsWith("SPARKY_TOPICS_")) {
                throw new IllegalStateException("the configuration sets " + key + ", but Sparky's topic names are "
                        + "fixed (dev.sparky.kafka.SparkyTopics, docs/kafka-api.md): remove " + key);
            }
        }
    }
}
