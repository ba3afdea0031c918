package dev.sparky.runner.lifecycle;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.contracts.events.RunnerHeartbeat.RunnerState;
import dev.sparky.runner.control.AttemptRegistry;
import dev.sparky.runner.events.RunnerEventSink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Says every interval that the runner is alive and what it holds; this renews the lease of the attempt in hand
 * at the dispatcher. Keyed by runner id.
 */
public final class HeartbeatSender {
    private static final Logger LOG = Logger.getLogger(HeartbeatSender.class);

    private final String runnerId;
    private final String host;
    private final AttemptRegistry registry;
    private final RunnerStatus status;
    private final RunnerEventSink events;
    private String pool = RunnerPools.DEFAULT;
    private ScheduledFuture<?> task;

    public HeartbeatSender(
            String runnerId, String host, AttemptRegistry registry, RunnerStatus status, RunnerEventSink events) {
        this.runnerId = runnerId;
        this.host = host;
        this.registry = registry;
        this.status = status;
        this.events = events;
    }

    /** Names the runner's pool in every heartbeat: the dispatcher learns from it which pools have a runner. */
    public HeartbeatSender withPool(String runnerPool) {
        this.pool = RunnerPools.require(runnerPool);
        return this;
    }

    /** The heartbeat for the runner's state right now. */
    public RunnerHeartbeat current() {
        Optional<AttemptRegistry.Attempt> held = registry.current();
        RunnerState state;
        if (status.stopped()) {
            state = RunnerState.STOPPED;
        } else if (status.draining()) {
            state = RunnerState.DRAINING;
        } else {
            state = held.isPresent() ? RunnerState.BUSY : RunnerState.IDLE;
        }
        return RunnerHeartbeat.of(
                runnerId,
                host,
                state,
                held.map(AttemptRegistry.Attempt::buildId).orElse(null),
                held.map(AttemptRegistry.Attempt::attempt).orElse(null),
                held.map(AttemptRegistry.Attempt::startedAt).orElse(null),
                pool);
    }

    public synchronized void start(ScheduledExecutorService timer, Duration interval) {
        task = timer.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void beat() {
        if (status.topicsReady()) {
            events.send(runnerId, current());
        }
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** The last word of a runner that shut down cleanly: best effort, bounded. */
    public void sendStopped(Duration timeout) {
        if (!status.topicsReady()) {
            return;
        }
        try {
            events.sendAndWait(runnerId, current(), timeout);
        } catch (RuntimeException e) {
            LOG.warnf("last heartbeat not sent: %s", e.getMessage());
        }
    }
}
