package dev.sparky.dispatcher.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The dispatcher's settings ({@code sparky.*} in application.properties). */
@ConfigMapping(prefix = "sparky")
public interface DispatcherConfig {

    /** The Sparky home: {@code projects/} is read from it, {@code state/} written below it by default. */
    @WithDefault(".sparky")
    String home();

    /** How to reach Kafka. */
    Kafka kafka();

    /** The engine's settings. */
    Dispatcher dispatcher();

    /** Kafka connection. */
    interface Kafka {
        /** Brokers, {@code host:port[,host:port...]}. */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();
    }

    /** Engine, state and leases. */
    interface Dispatcher {
        /** Folder of {@code sparky.db} and {@code logs/}; unset means {@code <home>/state}. */
        Optional<String> stateDir();

        /** How long an attempt's runner may stay silent before the attempt is lost. */
        @WithDefault("10s")
        Duration lease();

        /** Log size a build attempt may write (sent to runners in RunBuild). */
        @WithDefault("50M")
        MemorySize logCap();

        /** Longest wait of one poll of the engine loop; also the pace of lease checks when idle. */
        @WithDefault("100ms")
        Duration pollTimeout();

        /** Replication factor of the topics created at start (1 for a single broker). */
        @WithDefault("1")
        short replicationFactor();
    }

    /** The state folder, resolved. */
    static Path stateDir(DispatcherConfig config) {
        return Path.of(config.dispatcher().stateDir().filter(s -> !s.isBlank())
                .orElse(config.home() + "/state"));
    }

    /** The projects folder. */
    static Path projectsDir(DispatcherConfig config) {
        return Path.of(config.home(), "projects");
    }
}
