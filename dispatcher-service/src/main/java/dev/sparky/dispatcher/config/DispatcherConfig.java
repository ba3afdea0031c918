package dev.sparky.dispatcher.config;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.Topics;
import dev.sparky.dispatcher.engine.TopicNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dispatcher's settings ({@code sparky.*} in application.properties). */
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

    /** How to reach Kafka. */
    Kafka kafka();

    /** The engine's settings. */
    Dispatcher dispatcher();

    /** Topic names (defaults: {@code dev.sparky.contracts.Topics}). */
    TopicConfig topics();

    /** Kafka connection. */
    interface Kafka {
        /** Brokers, {@code host:port[,host:port...]}. */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /**
         * Extra client settings for every Kafka client of this service (security.protocol, ssl.*, sasl.*): TLS
         * and SASL by configuration, see docs/security.md.
         */
        @WithName("client")
        Map<String, String> common();
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

    /** The names of the topics the dispatcher reads and writes. */
    interface TopicConfig {
        /** Build requests (public, in; the dispatcher also sends downstream requests here). */
        @WithDefault(Topics.BUILD_REQUESTS)
        String buildRequests();

        /** Refused build requests, with the reason in a header (public). */
        @WithDefault(Topics.BUILD_REQUESTS_DLQ)
        String buildRequestsDlq();

        /** Every state change of every build (public, out). */
        @WithDefault(Topics.BUILD_EVENTS)
        String buildEvents();

        /** Commands to the dispatcher: cancel. */
        @WithDefault(Topics.BUILD_COMMANDS)
        String buildCommands();

        /** The runners' job queue (one partition, share group). */
        @WithDefault(Topics.JOBS)
        String jobs();

        /** What runners report: start, log, finish, heartbeat. */
        @WithDefault(Topics.RUNNER_EVENTS)
        String runnerEvents();

        /** Stop commands to every runner. */
        @WithDefault(Topics.RUNNER_CONTROL)
        String runnerControl();
    }

    /** The topic names as the engine takes them. */
    static TopicNames topicNames(DispatcherConfig config) {
        TopicConfig t = config.topics();
        return new TopicNames(t.buildRequests(), t.buildRequestsDlq(), t.buildEvents(), t.buildCommands(), t.jobs(),
                t.runnerEvents(), t.runnerControl());
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
