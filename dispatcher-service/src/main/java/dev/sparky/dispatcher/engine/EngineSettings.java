package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.RunnerPools;
import java.time.Duration;
import java.util.Set;

/**
 * The engine's knobs.
 *
 * @param lease how long an attempt's owner may stay silent before the attempt is lost
 * @param logCapBytes the log size a runner may write per attempt (sent in RunBuild); the dispatcher stops
 *     appending a little beyond it, as a guard against a runner that ignores it
 * @param handOutInterval how often hand-out runs even when no record arrived (edited concurrency takes effect)
 * @param topics the topic names
 * @param publicUrl the UI's base URL, for the build links in notify payloads
 * @param pools the runner pools declared to the dispatcher: it creates their job topics and hands builds out to
 *     them; a build of a project on any other pool stays queued, and the queue says why
 */
public record EngineSettings(
        Duration lease,
        long logCapBytes,
        Duration handOutInterval,
        TopicNames topics,
        String publicUrl,
        Set<String> pools) {

    /** Settings with the default pool only. */
    public EngineSettings(
            Duration lease, long logCapBytes, Duration handOutInterval, TopicNames topics, String publicUrl) {
        this(lease, logCapBytes, handOutInterval, topics, publicUrl, Set.of(RunnerPools.DEFAULT));
    }

    public EngineSettings {
        // The default pool is always there: projects without pool: run on it.
        pools = Set.copyOf(RunnerPools.withDefault(pools == null ? Set.of() : pools));
    }

    public static final String DEFAULT_PUBLIC_URL = "http://127.0.0.1:4000";

    public static EngineSettings defaults() {
        return new EngineSettings(
                Duration.ofSeconds(10),
                50L * 1024 * 1024,
                Duration.ofSeconds(2),
                TopicNames.defaults(),
                DEFAULT_PUBLIC_URL);
    }

    public EngineSettings withLease(Duration newLease) {
        return new EngineSettings(newLease, logCapBytes, handOutInterval, topics, publicUrl, pools);
    }

    public EngineSettings withPublicUrl(String url) {
        return new EngineSettings(lease, logCapBytes, handOutInterval, topics, url, pools);
    }

    public EngineSettings withPools(java.util.Collection<String> declared) {
        return new EngineSettings(lease, logCapBytes, handOutInterval, topics, publicUrl, Set.copyOf(declared));
    }

    /** The job topic of a pool under the configured job topic name. */
    public String jobsTopic(String pool) {
        return RunnerPools.jobsTopic(topics.jobs(), pool);
    }

    /** The UI page of a build. */
    public String buildUrl(long buildId) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/builds/" + buildId;
    }
}
