package dev.sparky.runner.metrics;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus names: {@code sparky_runner_builds_total{outcome}}, {@code sparky_runner_busy},
 * {@code sparky_runner_log_bytes_total}, {@code sparky_runner_redeliveries_total}.
 */
public final class MicrometerRunnerMetrics implements RunnerMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger busy;
    private final Counter logBytes;
    private final Counter redeliveries;

    public MicrometerRunnerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.busy = registry.gauge("sparky.runner.busy", new AtomicInteger());
        this.logBytes = Counter.builder("sparky.runner.log.bytes")
                .description("Log bytes sent by this runner")
                .register(registry);
        this.redeliveries = Counter.builder("sparky.runner.redeliveries")
                .description("Job records received again after another runner held them")
                .register(registry);
    }

    @Override
    public void redelivered() {
        redeliveries.increment();
    }

    @Override
    public void busy(boolean isBusy) {
        busy.set(isBusy ? 1 : 0);
    }

    @Override
    public void finished(Outcome outcome) {
        Counter.builder("sparky.runner.builds")
                .description("Attempts finished on this runner, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void logBytes(long bytes) {
        logBytes.increment(bytes);
    }
}
