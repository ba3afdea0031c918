package dev.sparky.dispatcher.config;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.dispatcher.engine.TopicNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dispatcher's settings ({@code sparky.*} in application.properties); how it reaches Kafka is the shared
 * {@link dev.sparky.kafka.KafkaConfig} ({@code sparky.kafka.*}).
 */
@ConfigMapping(prefix = "sparky")
public interface DispatcherConfig {

    /** The Sparky home: {@code projects/} is read from it, {@code state/} written below it by default. */
    @WithDefault(".sparky")
    String home();

    /**
     * The key that seals each RunBuild's secrets (job API token, password parameters) on {@code sparky.jobs}:
     * 32 random bytes in base64, the same for the dispatcher and every runner. Required (the service does not
     * start without it); {@code bin/sparky} and the test kit generate one per home.
     */
    Optional<String> jobSealKey();

    /**
     * The runner pools the dispatcher hands builds out to (env {@code SPARKY_RUNNER_POOLS}, comma-separated): it
     * creates each one's job topic ({@code sparky.jobs.<pool>}; the default pool's is {@code sparky.jobs}). A
     * project naming another pool keeps its builds queued, and the queue says why. The default pool is always in.
     */
    @WithDefault(RunnerPools.DEFAULT)
    List<String> runnerPools();

    /** The engine's settings. */
    Dispatcher dispatcher();

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

        /**
         * The shortest turn of the engine loop after one that brought records: under load the records of many
         * builds share a turn (see {@code EngineLoop}); 0 turns as soon as the last one ends.
         */
        @WithDefault("20ms")
        Duration busyTurn();

        /** Replication factor of the topics created at start (1 for a single broker). */
        @WithDefault("1")
        short replicationFactor();

        /** The UI's base URL as users reach it: notify payloads link to {@code <public-url>/builds/<id>}. */
        @WithDefault("http://127.0.0.1:4000")
        String publicUrl();

        /** Largest artifact one upload may store; a bigger one is refused with 413. */
        @WithDefault("512M")
        MemorySize artifactMaxSize();

        /** All artifacts of one build together may take at most this much; an upload past it is refused with 413. */
        @WithDefault("1G")
        MemorySize artifactMaxTotalSize();

        /** How many artifacts one build may keep; a new name past it is refused with 413 (replacing one is not). */
        @WithDefault("1000")
        int artifactMaxCount();
    }

    /** The topic names as the engine takes them: fixed, the product's layout ({@code SparkyTopics}). */
    static TopicNames topicNames(DispatcherConfig config) {
        return TopicNames.defaults();
    }

    /** The state folder, resolved. */
    static Path stateDir(DispatcherConfig config) {
        return Path.of(config.dispatcher().stateDir().filter(s -> !s.isBlank()).orElse(config.home() + "/state"));
    }

    /** The projects folder. */
    static Path projectsDir(DispatcherConfig config) {
        return Path.of(config.home(), "projects");
    }
}
