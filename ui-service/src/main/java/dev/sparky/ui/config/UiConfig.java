package dev.sparky.ui.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;

/** Every setting of the UI service ({@code sparky.*} in application.properties). */
@ConfigMapping(prefix = "sparky")
public interface UiConfig {

    /** The Sparky home: {@code projects/} below it holds the project folders this service reads. */
    @WithDefault(".sparky")
    String home();

    /** How to reach Kafka. */
    Kafka kafka();

    /** How to reach the dispatcher's internal API, the only source of build state. */
    Dispatcher dispatcher();

    /** How triggers are accepted. */
    Trigger trigger();

    /** Topic names (defaults are the documented ones). */
    TopicNames topics();

    /** Live log views. */
    Stream stream();

    interface Kafka {
        /** Comma-separated bootstrap servers. */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** Extra client settings shared by every Kafka client (security.protocol, sasl.*, ssl.*). */
        @WithName("client")
        Map<String, String> common();
    }

    interface Dispatcher {
        /** Base URL of the dispatcher, e.g. http://sparky-dispatcher:4100. */
        @WithDefault("http://127.0.0.1:4100")
        String url();

        /** Give up connecting after this long and answer 503 "dispatcher unavailable". */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Give up waiting for an answer after this long. */
        @WithDefault("15s")
        Duration readTimeout();
    }

    interface Trigger {
        /** A trigger is accepted only when Kafka acknowledged it within this time; else 503. */
        @WithDefault("5s")
        Duration ackTimeout();

        /**
         * How long this replica remembers the job ids it accepted, so /status answers "queued" (-2) before
         * the dispatcher has read the request from Kafka.
         */
        @WithDefault("10m")
        Duration rememberAccepted();
    }

    interface TopicNames {
        /** Build requests (public, in). */
        @WithDefault("sparky.build-requests")
        String buildRequests();

        /** Commands to the dispatcher (cancel). */
        @WithDefault("sparky.build-commands")
        String buildCommands();
    }

    interface Stream {
        /** How often the live log endpoint asks the dispatcher for new bytes. */
        @WithDefault("250ms")
        Duration pollInterval();
    }
}
