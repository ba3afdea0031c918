package dev.sparky.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Everything the scheduler reads from configuration ({@code sparky.*} in application.properties). */
@ConfigMapping(prefix = "sparky")
public interface SchedulerConfig {

    /** The Sparky home; projects are read from {@code <home>/projects}. */
    @WithDefault(".sparky")
    String home();

    /** Publishing to Kafka (the connection is the shared {@code sparky.kafka.*}). */
    Kafka kafka();

    /** Timing of cron, SCM polling and trigger files. */
    Scheduler scheduler();

    /** What the scheduler adds to the shared Kafka settings ({@link dev.sparky.kafka.KafkaConfig}). */
    interface Kafka {
        /** How long a build request may wait for the broker's acknowledgement before it counts as not sent. */
        @WithDefault("10s")
        Duration publishTimeout();
    }

    /** Scheduler timing. */
    interface Scheduler {
        /** Time zone in which crontab lines and cron job ids are read, e.g. Europe/Berlin. */
        @WithDefault("UTC")
        String timeZone();

        /** Cron times missed within this window (an outage, a restart) are fired late, once. */
        @WithDefault("10m")
        Duration cronCatchUp();

        /** How often crontab lines are evaluated; keep it a few seconds so builds start on time. */
        @WithDefault("2s")
        Duration cronTick();

        /**
         * Fire no cron builds at all (Sparky's {@code SPARKY_SKIP_CRON}): crontab lines are still read and checked,
         * SCM polling and trigger files go on. For a second installation reading the same projects, or maintenance.
         */
        @WithDefault("false")
        boolean skipCron();

        /** How often each project's remote is asked for its branch head. */
        @WithDefault("30s")
        Duration scmInterval();

        /** Time limit of one git ls-remote; slower remotes count as failed and back off. */
        @WithDefault("10s")
        Duration scmTimeout();

        /** Remotes polled at once; one slow remote holds one thread only. */
        @WithDefault("4")
        int scmThreads();

        /** The git executable. */
        @WithDefault("git")
        String gitCommand();

        /** Period of the trigger-file scan, the fallback for file systems without change events. */
        @WithDefault("1s")
        Duration triggerScan();

        /**
         * Global secret of the push webhooks: the HMAC key of GitHub's and the generic signature, GitLab's
         * token, for every repository without its own secret. With neither this nor a secrets file, push
         * webhooks are off (403).
         */
        Optional<String> webhookSecret();

        /**
         * Per-repository webhook secrets: a file with one {@code <repository url> <secret>} a line (read at
         * start). A repository listed here is signed with its own secret only; the global one stays the fallback.
         */
        Optional<String> webhookSecretsFile();
    }
}
