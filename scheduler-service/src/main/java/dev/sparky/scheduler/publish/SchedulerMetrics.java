package dev.sparky.scheduler.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The scheduler's counters, in one place so their names stay the ones the dashboards use. */
public final class SchedulerMetrics {
    private final MeterRegistry registry;
    private final Counter scmFailures;
    private final Counter filesFailed;
    private final Counter webhooksRejected;

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.scmFailures = Counter.builder("sparky.scheduler.scm.failures")
                .description("git ls-remote calls that failed or timed out")
                .register(registry);
        this.filesFailed = Counter.builder("sparky.trigger.files.failed")
                .description("trigger files moved to .triggers/failed")
                .register(registry);
        this.webhooksRejected = Counter.builder("sparky.scheduler.webhooks.rejected")
                .description("push webhooks refused for a missing or wrong signature or token")
                .register(registry);
    }

    /** A build request published; {@code trigger} is cron, scm, file or webhook. */
    public void fired(String trigger) {
        Counter.builder("sparky.scheduler.fired")
                .description("build requests published by the scheduler")
                .tag("trigger", trigger)
                .register(registry)
                .increment();
    }

    public void scmFailure() {
        scmFailures.increment();
    }

    public void triggerFileFailed() {
        filesFailed.increment();
    }

    public void webhookRejected() {
        webhooksRejected.increment();
    }
}
