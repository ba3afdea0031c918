package dev.sparky.runner.lifecycle;

import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.RunnerEventPublisher;
import dev.sparky.runner.exec.ProcessBuildExecutor;
import dev.sparky.runner.metrics.RunnerMetrics;
import jakarta.inject.Singleton;

/** The runner's shared parts, grouped so the lifecycle wiring has one collaborator for them. */
@Singleton
public class RunnerParts {
    private final ProcessBuildExecutor executor;
    private final AttemptRegistry registry;
    private final RunnerStatus status;
    private final RunnerEventPublisher events;
    private final RunnerMetrics metrics;

    RunnerParts(
            ProcessBuildExecutor executor,
            AttemptRegistry registry,
            RunnerStatus status,
            RunnerEventPublisher events,
            RunnerMetrics metrics) {
        this.executor = executor;
        this.registry = registry;
        this.status = status;
        this.events = events;
        this.metrics = metrics;
    }

    ProcessBuildExecutor executor() {
        return executor;
    }

    AttemptRegistry registry() {
        return registry;
    }

    RunnerStatus status() {
        return status;
    }

    RunnerEventPublisher events() {
        return events;
    }

    RunnerMetrics metrics() {
        return metrics;
    }
}
