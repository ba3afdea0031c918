package dev.sparky.dispatcher.store;

import dev.sparky.contracts.BuildState;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@link BuildRepository} over the write connection: one implementation per concern, all on the same
 * connection and in the same transaction, so the engine's batch still commits as one. Not thread-safe: the
 * engine thread owns it.
 */
public final class SqliteBuildRepository implements BuildRepository, AutoCloseable {
    private final WriteConnection tx;
    private final BuildAttemptRepository builds;
    private final QueueRepository queue;
    private final RunnerRepository runners;
    private final TokenRepository tokens;
    private final NotificationRepository notifications;
    private final HealthRepository health;

    public SqliteBuildRepository(Connection writeConnection) {
        this(writeConnection, new BuildsVersion());
    }

    public SqliteBuildRepository(Connection writeConnection, BuildsVersion buildsVersion) {
        this.tx = new WriteConnection(writeConnection, buildsVersion);
        Sql sql = tx.sql();
        this.builds = new SqliteBuildAttempts(sql);
        this.queue = new SqliteQueue(sql);
        this.runners = new SqliteRunners(sql);
        this.tokens = new SqliteTokens(sql);
        this.notifications = new SqliteNotifications(sql);
        this.health = new SqliteHealth(tx);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return tx.inTransaction(work);
    }

    @Override
    public void isolated(Runnable work) {
        tx.isolated(work);
    }

    @Override
    public OptionalLong insertBuild(NewBuild build) {
        return builds.insertBuild(build);
    }

    @Override
    public OptionalLong insertBuildWithId(long id, NewBuild build) {
        return builds.insertBuildWithId(id, build);
    }

    @Override
    public Optional<BuildRow> build(long id) {
        return builds.build(id);
    }

    @Override
    public Optional<BuildRow> buildByJob(String project, String jobId) {
        return builds.buildByJob(project, jobId);
    }

    @Override
    public void markRunning(long id, String runnerId, long at) {
        builds.markRunning(id, runnerId, at);
    }

    @Override
    public void markFinished(long id, BuildState state, String reason, Integer exitCode, long at) {
        builds.markFinished(id, state, reason, exitCode, at);
    }

    @Override
    public void markCancelRequested(long id) {
        builds.markCancelRequested(id);
    }

    @Override
    public Optional<AttemptRow> attempt(long buildId, int attempt) {
        return builds.attempt(buildId, attempt);
    }

    @Override
    public void insertAttempt(AttemptRow attempt) {
        builds.insertAttempt(attempt);
    }

    @Override
    public void finishAttempt(long buildId, int attempt, String state, Integer exitCode, String reason, long at) {
        builds.finishAttempt(buildId, attempt, state, exitCode, reason, at);
    }

    @Override
    public void touchAttempt(long buildId, int attempt, long at) {
        builds.touchAttempt(buildId, attempt, at);
    }

    @Override
    public void recordLogBytes(long buildId, int attempt, long bytes, long seenAt) {
        builds.recordLogBytes(buildId, attempt, bytes, seenAt);
    }

    @Override
    public int countedAttempts(long buildId) {
        return builds.countedAttempts(buildId);
    }

    @Override
    public List<AttemptRow> runningAttemptsSeenBefore(long at) {
        return builds.runningAttemptsSeenBefore(at);
    }

    @Override
    public void syslog(long buildId, long at, String line) {
        builds.syslog(buildId, at, line);
    }

    @Override
    public List<Long> terminalBuildsBeyond(String project, int keep, int limit) {
        return builds.terminalBuildsBeyond(project, keep, limit);
    }

    @Override
    public void deleteBuild(long id) {
        builds.deleteBuild(id);
    }

    @Override
    public List<String> projectsWithWaitingBuilds() {
        return queue.projectsWithWaitingBuilds();
    }

    @Override
    public List<BuildRow> waitingBuilds(String project, int limit) {
        return queue.waitingBuilds(project, limit);
    }

    @Override
    public int activeBuilds(String project) {
        return queue.activeBuilds(project);
    }

    @Override
    public void markDispatched(long id, int attempt, long at, String pool) {
        queue.markDispatched(id, attempt, at, pool);
    }

    @Override
    public void markRequeued(long id, String reason) {
        queue.markRequeued(id, reason);
    }

    @Override
    public void outbox(String topic, String key, byte[] value, Map<String, String> headers) {
        queue.outbox(topic, key, value, headers);
    }

    @Override
    public List<OutboxRow> outboxBatch(long afterId, int limit) {
        return queue.outboxBatch(afterId, limit);
    }

    @Override
    public void deleteOutboxUpTo(long id) {
        queue.deleteOutboxUpTo(id);
    }

    @Override
    public void upsertRunner(RunnerRow runner) {
        runners.upsertRunner(runner);
    }

    @Override
    public int deleteRunnersSeenBefore(long before) {
        return runners.deleteRunnersSeenBefore(before);
    }

    @Override
    public void saveJobToken(long buildId, int attempt, String tokenHash, long at) {
        tokens.saveJobToken(buildId, attempt, tokenHash, at);
    }

    @Override
    public void deleteJobToken(long buildId) {
        tokens.deleteJobToken(buildId);
    }

    @Override
    public void insertApiToken(
            String id,
            String name,
            String tokenHash,
            List<String> projects,
            List<String> actions,
            String createdBy,
            long at,
            Long expiresAt) {
        tokens.insertApiToken(id, name, tokenHash, projects, actions, createdBy, at, expiresAt);
    }

    @Override
    public boolean revokeApiToken(String id, long at) {
        return tokens.revokeApiToken(id, at);
    }

    @Override
    public long insertNotification(long buildId, String url, byte[] body, long at) {
        return notifications.insertNotification(buildId, url, body, at);
    }

    @Override
    public List<NotificationRow> notificationsAfter(long afterId, int limit) {
        return notifications.notificationsAfter(afterId, limit);
    }

    @Override
    public void deleteNotification(long id) {
        notifications.deleteNotification(id);
    }

    @Override
    public void touchHealth(long at) {
        health.touchHealth(at);
    }

    @Override
    public void syncToDisk(long at) {
        health.syncToDisk(at);
    }

    @Override
    public void close() {
        tx.close();
    }
}
