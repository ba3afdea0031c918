package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildStarted;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.RunnerEvent;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.dispatcher.store.BuildRepository;
import dev.sparky.dispatcher.store.LogStore;
import dev.sparky.dispatcher.store.StoreException;
import dev.sparky.project.ProjectCatalog;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The dispatcher's domain: applies one poll batch (requests, cancels, runner events) and the periodic work
 * (lease check, hand-out, readiness write) in ONE transaction. Every handler is idempotent, because after a
 * crash the last batch is applied again. Plain Java: the Kafka loop and the tests drive it alike.
 */
public final class DispatchEngine {
    private static final Logger LOG = Logger.getLogger(DispatchEngine.class);
    /** Requests before cancels before runner events: a cancel polled with its request finds the build. */
    private static final Map<String, Integer> TOPIC_ORDER = Map.of(Topics.BUILD_REQUESTS, 0,
            Topics.BUILD_COMMANDS, 1, Topics.RUNNER_EVENTS, 2);
    private static final long HEALTH_WRITE_EVERY_MS = 1000;

    private final BuildRepository repo;
    private final Clock clock;
    private final EngineSettings settings;
    private final RequestHandler requests;
    private final CancelHandler cancels;
    private final AttemptHandler attempts;
    private final LogHandler logChunks;
    private final HeartbeatHandler heartbeats;
    private final LeaseKeeper leases;
    private final QueueDispatcher queue;
    private long lastHandOut = Long.MIN_VALUE;
    private long lastHealthWrite = Long.MIN_VALUE;

    public DispatchEngine(BuildRepository repo, LogStore logs, ProjectCatalog catalog, Clock clock,
            EngineSettings settings, EngineMetrics metrics) {
        this.repo = repo;
        this.clock = clock;
        this.settings = settings;
        Effects fx = new Effects(repo, clock);
        Transitions transitions = new Transitions(repo, fx, metrics);
        this.requests = new RequestHandler(repo, catalog, fx, transitions, metrics);
        this.cancels = new CancelHandler(repo, fx, transitions);
        this.attempts = new AttemptHandler(repo, fx, transitions, metrics);
        this.logChunks = new LogHandler(repo, logs, fx, settings.logCapBytes());
        this.heartbeats = new HeartbeatHandler(repo, fx);
        this.leases = new LeaseKeeper(repo, catalog, fx, transitions, metrics);
        this.queue = new QueueDispatcher(repo, catalog, fx, transitions, settings.logCapBytes());
    }

    /**
     * Applies a batch and the periodic work in one transaction.
     *
     * @param leaseChecks false while the dispatcher cannot trust that it hears heartbeats (just started, Kafka
     *     was unreachable): leases are then not judged, so no build is declared lost for our own outage
     */
    public void apply(List<Inbound> batch, boolean leaseChecks) {
        repo.inTransaction(() -> {
            batch.stream().sorted(Comparator.comparingInt(r -> TOPIC_ORDER.getOrDefault(r.topic(), 3)))
                    .forEach(this::applyOne);
            long now = clock.millis();
            if (leaseChecks) {
                leases.expire(settings.lease());
            }
            if (!batch.isEmpty() || now - lastHandOut >= settings.handOutInterval().toMillis()) {
                queue.handOut();
                lastHandOut = now;
            }
            if (now - lastHealthWrite >= HEALTH_WRITE_EVERY_MS) {
                repo.touchHealth(now);
                lastHealthWrite = now;
            }
            return null;
        });
    }

    /** Each record in its own savepoint: a record that cannot be applied is skipped, not retried forever. */
    private void applyOne(Inbound r) {
        try {
            repo.isolated(() -> route(r));
        } catch (MalformedEventException e) {
            LOG.warnf("skipped record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof StoreException se && se.databaseFailure() || e instanceof UncheckedIOException) {
                throw e; // the database or the disk failed: the whole batch must be retried
            }
            LOG.errorf(e, "cannot apply record %s-%d@%d", r.topic(), r.partition(), r.offset());
            if (Topics.BUILD_REQUESTS.equals(r.topic())) {
                repo.isolated(() -> requests.deadLetter(r, "the dispatcher could not apply the request: " + e));
            }
        }
    }

    private void route(Inbound r) {
        switch (r.topic()) {
            case Topics.BUILD_REQUESTS -> requests.accept(r);
            case Topics.BUILD_COMMANDS -> {
                CancelBuild c = Json.read(r.value(), CancelBuild.class);
                SchemaVersion.check(c.schemaVersion(), "cancel command");
                cancels.cancel(c);
            }
            case Topics.RUNNER_EVENTS -> runnerEvent(Json.read(r.value(), RunnerEvent.class));
            default -> LOG.warnf("record of unexpected topic %s ignored", r.topic());
        }
    }

    private void runnerEvent(RunnerEvent e) {
        SchemaVersion.check(e.schemaVersion(), "runner event");
        if (e.runnerId() == null) {
            throw new MalformedEventException("runner event without runnerId");
        }
        if (e instanceof BuildStarted s) {
            attempts.started(s);
        } else if (e instanceof LogChunk c) {
            logChunks.chunk(c);
        } else if (e instanceof BuildFinished f) {
            attempts.finished(f);
        } else if (e instanceof RunnerHeartbeat h) {
            heartbeats.heartbeat(h);
        }
    }
}
