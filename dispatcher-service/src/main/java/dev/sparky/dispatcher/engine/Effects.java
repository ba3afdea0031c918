package dev.sparky.dispatcher.engine;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.RunnerPools;
import dev.sparky.contracts.SchemaVersion;
import dev.sparky.contracts.Topics;
import dev.sparky.contracts.events.BuildEvent;
import dev.sparky.contracts.events.BuildRequest;
import dev.sparky.contracts.events.RunBuild;
import dev.sparky.contracts.events.StopAttempt;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.QueueRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a state change leaves behind, written in the same transaction: system-log lines and outbox records
 * (build events, jobs, stop commands, dead letters). Times come from the engine's clock.
 */
final class Effects {
    private final BuildAttemptRepository builds;
    private final QueueRepository queue;
    private final Clock clock;
    private final TopicNames topics;

    Effects(BuildAttemptRepository builds, QueueRepository queue, Clock clock, TopicNames topics) {
        this.builds = builds;
        this.queue = queue;
        this.clock = clock;
        this.topics = topics;
    }

    long now() {
        return clock.millis();
    }

    void syslog(long buildId, String line) {
        builds.syslog(buildId, now(), line);
    }

    /** The public fact: the build is now in {@code state}. Key: project. */
    void buildEvent(BuildRow b, BuildState state, Integer exitCode, String reason, String runnerId) {
        BuildEvent e = new BuildEvent(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                b.id(),
                b.jobId(),
                b.project(),
                state,
                b.attempt(),
                exitCode,
                Instant.ofEpochMilli(now()),
                reason,
                runnerId,
                b.description());
        queue.outbox(topics.buildEvents(), b.project(), Json.write(e), Map.of());
    }

    /** The job goes to its pool's topic, where only that pool's runners read. */
    void runBuild(RunBuild job, String pool) {
        queue.outbox(
                RunnerPools.jobsTopic(topics.jobs(), pool), Long.toString(job.buildId()), Json.write(job), Map.of());
    }

    /** @param runnerId the runner that must stop, or null for whichever holds the attempt */
    void stop(long buildId, int attempt, String runnerId, StopAttempt.Reason reason, String detail) {
        StopAttempt s = new StopAttempt(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                buildId,
                attempt,
                runnerId,
                reason,
                detail,
                Instant.ofEpochMilli(now()));
        queue.outbox(topics.runnerControl(), Long.toString(buildId), Json.write(s), Map.of());
    }

    /** A build request of our own (downstream builds), consumed again like any other. Key: project. */
    void buildRequest(BuildRequest request) {
        queue.outbox(topics.buildRequests(), request.project(), Json.write(request), Map.of());
    }

    /** The refused bytes as they came, with the reason in a header. */
    void deadLetter(String key, byte[] value, String reason) {
        queue.outbox(
                topics.buildRequestsDlq(),
                key,
                value == null ? new byte[0] : value,
                Map.of(Topics.REASON_HEADER, reason));
    }
}
