package dev.sparky.runner.config;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.kafka.SparkyTopics;
import dev.sparky.runner.jobapi.Forwarding;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the runner reads from configuration ({@code sparky.*} in application.properties); how it reaches
 * Kafka is the shared {@link dev.sparky.kafka.KafkaConfig} ({@code sparky.kafka.*}).
 */
@ConfigMapping(prefix = "sparky")
public interface RunnerConfig {

    /** The Sparky home: projects are read from {@code projects/}, workspaces made under {@code work/}. */
    @WithDefault(".sparky")
    String home();

    /**
     * The key that opens each RunBuild's sealed secrets (job API token, password parameters): 32 random bytes in
     * base64, the dispatcher's. Required (the runner does not start without it). Give it in a 0600 properties
     * file named by QUARKUS_CONFIG_LOCATIONS rather than the environment, as bin/sparky and the test kit do.
     */
    Optional<String> jobSealKey();

    /** The runner's own settings. */
    Runner runner();

    /** Runner behaviour. */
    interface Runner {
        /** The runner's id in events and workspaces; the host name (the pod name on Kubernetes) when unset. */
        Optional<String> id();

        /**
         * The runner pool whose job queue this runner reads (env {@code SPARKY_RUNNER_POOL}): its topic
         * {@code sparky.jobs.<pool>} and share group {@code sparky-runners.<pool>}; the default pool's are
         * {@code sparky.jobs} and {@code sparky-runners}. Only builds of projects naming this pool come here. The
         * runner's Kafka user must be the pool's ({@code sparky-runner-<pool>}), which alone may read that topic.
         */
        @WithDefault(RunnerPools.DEFAULT)
        String pool();

        /** Base URL of the job API, given to builds as SPARKY_API (the UI service). */
        @WithDefault("http://127.0.0.1:4000")
        String apiUrl();

        /**
         * Whether sparrowfile builds get Sparky's job API on a loopback port of the runner, forwarded to
         * {@code api-url} ({@code SPARKY_TCP_PORT} is then that port): {@code auto} when {@code api-url} is not on
         * the loopback (a runner pod), {@code always}, or {@code never}. Started with the first build that needs it.
         */
        @WithDefault("auto")
        Forwarding jobApiForwarder();

        /** Where project caches are kept (a volume shared by the runners); {@code <home>/cache} when unset. */
        Optional<String> cacheDir();

        /**
         * Build secrets, one folder per project: {@code <dir>/<project>/<NAME>} holds secret NAME of that project
         * (on Kubernetes, one Secret per project mounted there); {@code <home>/secrets} when unset.
         */
        Optional<String> secretsDir();

        /**
         * The account builds run as (a name, a uid, or {@code uid:gid}) when the runner runs as root; unset: the
         * runner's own user.
         */
        Optional<String> buildUser();

        /**
         * The Sparrow plugin repository that sparrowdo installs plugins from when a project's sparrowdo: section
         * names none (a URL such as {@code file:///srv/sparrow-repo}); unset: sparrowdo's own default.
         */
        Optional<String> sparrowRepo();

        /** How often the runner says it is alive; the dispatcher's lease must be several times longer. */
        @WithDefault("1s")
        Duration heartbeatInterval();

        /** Time between TERM and KILL when a build is stopped or timed out. */
        @WithDefault("10s")
        Duration killGrace();

        /** On SIGTERM, how long the build in hand may go on before it is stopped and handed back. */
        @WithDefault("25s")
        Duration drainTimeout();

        /**
         * Builds this runner takes before it exits with code 0: 0, the default, never exits by itself; 1 makes a
         * mortal runner, a fresh process (on Kubernetes a fresh pod of a Job) for every build. Records beyond the
         * last build are released to the other runners, never accepted.
         */
        @WithDefault("0")
        int maxBuilds();
    }

    /** The topics this runner uses, by its pool: the ones the dispatcher creates and writes for that pool. */
    static SparkyTopics.RunnerTopics topics(RunnerConfig config) {
        return SparkyTopics.runner(config.runner().pool());
    }
}
