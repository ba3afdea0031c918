package dev.sparky.ui.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the UI service ({@code sparky.*} in application.properties). */
@ConfigMapping(prefix = "sparky")
public interface UiConfig {

    /** The Sparky home: {@code projects/} below it holds the project folders this service reads. */
    @WithDefault(".sparky")
    String home();

    /** How to reach the dispatcher's internal API, the only source of build state. */
    Dispatcher dispatcher();

    /** How triggers are accepted. */
    Trigger trigger();

    /** Live log views. */
    Stream stream();

    /** The job API used from inside builds (tokens, waiting, artifacts, stash). */
    JobApi jobApi();

    /** Live build events pushed to browsers ({@code GET /api/v1/events}). */
    Events events();

    /** Login, sessions, API tokens and per-project access. */
    AuthConfig auth();

    /** Where the scheduler answers, for the SCM health shown on project pages. */
    Scheduler scheduler();

    /** The names this UI answers to (DNS rebinding protection); see docs/security.md. */
    Http http();

    interface Http {
        /**
         * Host names (no port, comma-separated) the UI answers to besides {@code localhost}, {@code 127.0.0.1}
         * and {@code [::1]}. Bound to loopback: only those and these. Bound elsewhere: these when set, else any
         * name (set them behind an ingress). Any other Host is answered 421.
         */
        Optional<List<String>> allowedHosts();

        /**
         * The path prefix the UI is served under behind a reverse proxy, as Sparky's {@code SPARKY_HTTP_ROOT}
         * (e.g. {@code /sparky}): every link, redirect, asset and form of the pages starts with it. Requests are
         * answered with or without it, so a proxy may strip it or pass it on. Unset or {@code /}: served at
         * {@code /}.
         */
        Optional<String> root();
    }

    /** The shared service credential this service sends to the dispatcher and the scheduler. */
    Service service();

    /** {@code sparky.service.*}: the same keys in every Sparky service. */
    interface Service {
        /**
         * The random secret every Sparky service shares (env {@code SPARKY_SERVICE_TOKEN}), sent as
         * {@code Authorization: Bearer} on every internal call. No default: without one the service refuses to start.
         */
        java.util.Optional<String> token();
    }

    /** The scheduler's internal API ({@code GET /internal/v1/scm}). */
    interface Scheduler {
        /** Base URL of any scheduler replica; each polls every project, so any one can answer. */
        @WithDefault("http://127.0.0.1:4200")
        String url();

        /** Give up connecting or waiting after this long: the SCM line is left off the page, never the page. */
        @WithDefault("1s")
        Duration timeout();
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

        /**
         * Give up waiting on an artifact upload or download, or on a whole log, after this long: a large file from a
         * slow build legitimately takes longer than {@link #readTimeout()}.
         */
        @WithDefault("30m")
        Duration transferTimeout();
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

    interface Stream {
        /** How often the live log endpoint asks the dispatcher for new bytes. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Live streams (build events, live logs) one client address may hold open at once; 429 beyond. */
        @WithDefault("8")
        int maxPerClient();

        /** Live streams this replica holds open at once, from all clients; 429 beyond. */
        @WithDefault("256")
        int maxTotal();
    }

    interface JobApi {
        /**
         * How long a token the dispatcher confirmed is trusted without asking again. At most 5 s is used
         * whatever is set: a token must stop working soon after its build ended.
         */
        @WithDefault("5s")
        Duration tokenCacheTtl();

        /** How often a waiting {@code ?wait=} request asks the dispatcher for the build's state. */
        @WithDefault("250ms")
        Duration waitPollInterval();

        /**
         * Largest artifact accepted (413 beyond). {@code quarkus.http.limits.max-body-size} must stay above
         * it, or the HTTP server refuses large uploads before this service sees them.
         */
        @WithDefault("512M")
        MemorySize artifactMaxSize();

        /** Largest stash accepted (413 beyond). */
        @WithDefault("1M")
        MemorySize stashMaxSize();

        /** Child builds one build may queue through the job API (429 beyond); a repeated job id counts once. */
        @WithDefault("100")
        int maxChildrenPerBuild();

        /**
         * How deep children of children may go: a build started by the job API is at depth 1, its own child
         * at 2; a build at this depth may not queue more (403).
         */
        @WithDefault("5")
        int maxDepth();
    }

    interface Events {
        /** A comment line is sent this often on idle event streams, so proxies keep them and dead ones are noticed. */
        @WithDefault("20s")
        Duration heartbeat();

        /** Events held for one slow browser; when full its stream ends and the browser reconnects and reloads. */
        @WithDefault("1024")
        int buffer();

        /** How long a browser waits before reconnecting after the stream broke (the SSE retry field). */
        @WithDefault("2s")
        Duration reconnectDelay();
    }
}
