package dev.sparky.dispatcher.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.events.ApiTokenCommand;
import dev.sparky.contracts.events.BuildFinished;
import dev.sparky.contracts.events.BuildStarted;
import dev.sparky.contracts.events.CancelBuild;
import dev.sparky.contracts.events.JobSeal;
import dev.sparky.contracts.events.LogChunk;
import dev.sparky.contracts.events.LogChunkWire;
import dev.sparky.contracts.events.RunnerEvent;
import dev.sparky.contracts.events.RunnerHeartbeat;
import dev.sparky.dispatcher.notify.NotifyChannel;
import dev.sparky.dispatcher.store.BuildFiles;
import dev.sparky.dispatcher.store.BuildRepository;
import dev.sparky.dispatcher.store.StoreException;
import dev.sparky.project.ProjectCatalog;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
    private static final long HEALTH_WRITE_EVERY_MS = 1000;
    /** An upload's temp file older than this at start belongs to an upload a crash cut off. */
    private static final Duration TEMP_FILES_MAX_AGE = Duration.ofHours(1);

    private final BuildRepository repo;
    private final BuildFiles files;
    private final Clock clock;
    private final EngineSettings settings;
    private final TopicNames topics;
    /** Requests before cancels before runner events: a cancel polled with its request finds the build. */
    private final Map<String, Integer> topicOrder;

    private final RequestHandler requests;
    private final CancelHandler cancels;
    private final ApiTokenHandler apiTokens;
    private final AttemptHandler attempts;
    private final LogHandler logChunks;
    private final HeartbeatHandler heartbeats;
    private final LeaseKeeper leases;
    private final QueueDispatcher queue;
    private final AfterCommit afterCommit = new AfterCommit();
    private final NotifyChannel notifications = new NotifyChannel();
    private final NotifyRelay notifyRelay;
    private long lastHandOut = Long.MIN_VALUE;
    private long lastHealthWrite = Long.MIN_VALUE;

    public DispatchEngine(
            BuildRepository repo,
            BuildFiles files,
            ProjectCatalog catalog,
            Clock clock,
            EngineSettings settings,
            EngineMetrics metrics,
            JobSeal seal) {
        this.repo = repo;
        this.files = files;
        this.clock = clock;
        this.settings = settings;
        this.topics = settings.topics();
        this.topicOrder = Map.of(topics.buildRequests(), 0, topics.buildCommands(), 1, topics.runnerEvents(), 2);
        Effects fx = new Effects(repo, repo, clock, topics);
        FollowUps followUps = new FollowUps(
                catalog, new Downstream(fx), new NotifyRecorder(repo, settings), new Retention(repo, afterCommit));
        SecretParams secrets = new SecretParams();
        Transitions transitions = new Transitions(repo, fx, metrics, followUps, secrets);
        this.requests = new RequestHandler(repo, catalog, fx, transitions, metrics, secrets, files);
        this.cancels = new CancelHandler(repo, fx, transitions);
        this.apiTokens = new ApiTokenHandler(repo, clock);
        this.attempts = new AttemptHandler(repo, fx, transitions, metrics);
        this.logChunks = new LogHandler(repo, files.logs(), fx, settings.logCapBytes());
        this.heartbeats = new HeartbeatHandler(repo, repo, fx);
        this.leases = new LeaseKeeper(repo, repo, catalog, fx, transitions, metrics);
        this.queue = new QueueDispatcher(
                repo,
                repo,
                catalog,
                fx,
                transitions,
                new JobTokens(new SecureRandom()),
                settings.logCapBytes(),
                secrets,
                seal,
                files.scenarios(),
                settings.pools());
        this.notifyRelay = new NotifyRelay(repo, repo, fx, notifications);
    }

    /** The topics the engine consumes. */
    public List<String> inputTopics() {
        return List.of(topics.buildRequests(), topics.buildCommands(), topics.runnerEvents());
    }

    /** The queues to and from the notifier thread. */
    public NotifyChannel notifications() {
        return notifications;
    }

    /**
     * Once, on the engine thread, before the first batch: removes the files of builds whose rows are gone (a
     * crash between a retention commit and its file deletion) and temp files of uploads a crash cut off.
     */
    public void start() {
        int orphans = 0;
        for (long id : files.buildIdsOnDisk()) {
            if (repo.build(id).isEmpty()) {
                files.delete(id);
                orphans++;
            }
        }
        int temps = files.sweepTemps(clock.millis() - TEMP_FILES_MAX_AGE.toMillis());
        if (orphans + temps > 0) {
            LOG.infof(
                    "start-up sweep: removed the files of %d deleted build(s) and %d stale upload temp file(s)",
                    orphans, temps);
        }
    }

    /**
     * Applies a batch and the periodic work in one transaction, then what must follow the commit (files of
     * builds removed by retention, new notify calls to the notifier).
     *
     * @param leaseChecks false while the dispatcher cannot trust that it hears heartbeats (just started, Kafka
     *     was unreachable): leases are then not judged, so no build is declared lost for our own outage
     */
    public void apply(List<Inbound> batch, boolean leaseChecks) {
        apply(batch, leaseChecks, () -> {});
    }

    /**
     * As {@link #apply(List, boolean)}, with the caller's own bookkeeping in the same transaction (the outbox
     * rows Kafka took are deleted there), so a turn costs one commit.
     */
    public void apply(List<Inbound> batch, boolean leaseChecks, Runnable alsoInTransaction) {
        try {
            repo.inTransaction(() -> {
                alsoInTransaction.run();
                return applyInTransaction(batch, leaseChecks);
            });
        } catch (RuntimeException | Error e) {
            afterCommit.discard();
            notifyRelay.rolledBack();
            throw e;
        }
        afterCommit.run(files);
        notifyRelay.committed();
    }

    /** A durability point: what was committed so far is on disk (see {@link BuildRepository#syncToDisk}). */
    public void syncToDisk() {
        repo.syncToDisk(clock.millis());
    }

    private Void applyInTransaction(List<Inbound> batch, boolean leaseChecks) {
        notifyRelay.applyResults();
        batch.stream()
                .sorted(Comparator.comparingInt(r -> topicOrder.getOrDefault(r.topic(), 3)))
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
            if (topics.buildRequests().equals(r.topic())) {
                repo.isolated(() -> requests.deadLetter(r, "the dispatcher could not apply the request: " + e));
            }
        }
    }

    private void route(Inbound r) {
        if (topics.buildRequests().equals(r.topic())) {
            requests.accept(r, false);
        } else if (topics.buildCommands().equals(r.topic())) {
            command(r);
        } else if (topics.runnerEvents().equals(r.topic())) {
            runnerEvent(
                    LogChunkWire.isChunk(r.headers())
                            ? LogChunkWire.read(r.headers(), r.value())
                            : Json.read(r.value(), RunnerEvent.class));
        } else {
            LOG.warnf("record of unexpected topic %s ignored", r.topic());
        }
    }

    /**
     * A CancelBuild, an API token command (told apart by its "command" field), or a build request with a sent
     * scenario (its "scenario" field), which only the ui-service may write: this topic is the ui-service's alone.
     */
    private void command(Inbound r) {
        byte[] value = r.value();
        JsonNode node = Json.read(value, JsonNode.class);
        if (node.hasNonNull("scenario")) {
            requests.accept(r, true);
            return;
        }
        if (node.hasNonNull("command")) {
            ApiTokenCommand c = Json.read(value, ApiTokenCommand.class);
            SchemaVersion.check(c.schemaVersion(), "API token command");
            apiTokens.apply(c);
            return;
        }
        CancelBuild c = Json.read(value, CancelBuild.class);
        SchemaVersion.check(c.schemaVersion(), "cancel command");
        cancels.cancel(c);
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
