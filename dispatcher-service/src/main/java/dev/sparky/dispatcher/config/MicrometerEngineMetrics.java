package dev.sparky.dispatcher.config;

import dev.sparky.contracts.BuildState;
import dev.sparky.dispatcher.engine.EngineMetrics;
import dev.sparky.dispatcher.store.BuildQueries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The engine's counters and timers in Micrometer, exported at {@code /q/metrics} as {@code sparky_*}. */
final class MicrometerEngineMetrics implements EngineMetrics {
    /** A few fixed buckets instead of Micrometer's ~70: enough for p50/p90/p99 in PromQL, cheap to scrape. */
    private static final Duration[] LATENCY_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300);

    private static final Duration[] DURATION_BUCKETS = seconds(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200);
    private final Counter duplicates;
    private final Counter deadLetters;
    private final Counter leaseExpiries;
    private final Counter attempts;
    private final Timer triggerToStart;
    private final Timer buildDuration;

    MicrometerEngineMetrics(MeterRegistry registry, BuildQueries queries) {
        duplicates = Counter.builder("sparky.duplicate.requests")
                .description("Build requests dropped because their (project, job id) was known")
                .register(registry);
        deadLetters = Counter.builder("sparky.dead.letters")
                .description("Build requests refused to the dead-letter topic")
                .register(registry);
        leaseExpiries = Counter.builder("sparky.lease.expiries")
                .description("Attempts lost because their runner went silent")
                .register(registry);
        attempts = Counter.builder("sparky.attempts")
                .description("Attempts started on runners")
                .register(registry);
        triggerToStart = Timer.builder("sparky.trigger.to.start")
                .description("From queued to the first start on a runner")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        buildDuration = Timer.builder("sparky.build.duration")
                .description("From the first start to the end of a build")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        Gauge.builder("sparky.queue.depth", queries, q -> q.count(BuildState.QUEUED))
                .description("Builds queued (handed out or not)")
                .register(registry);
        Gauge.builder("sparky.builds.in.flight", queries, q -> q.count(BuildState.RUNNING))
                .description("Builds running on runners")
                .register(registry);
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofMillis((long) (values[i] * 1000));
        }
        return out;
    }

    @Override
    public void duplicateRequest() {
        duplicates.increment();
    }

    @Override
    public void deadLetter() {
        deadLetters.increment();
    }

    @Override
    public void leaseExpired() {
        leaseExpiries.increment();
    }

    @Override
    public void attemptStarted() {
        attempts.increment();
    }

    @Override
    public void triggerToStart(Duration d) {
        triggerToStart.record(d);
    }

    @Override
    public void buildDuration(Duration d) {
        buildDuration.record(d);
    }
}
