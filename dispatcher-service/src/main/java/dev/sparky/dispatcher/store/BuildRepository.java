package dev.sparky.dispatcher.store;

import dev.sparky.contracts.BuildState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What the engine writes and reads while it applies a batch. Implemented over the single write connection;
 * used by the engine thread only.
 */
public interface BuildRepository {

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} inside a savepoint of the current transaction: when it throws, only its writes are undone. */
    void isolated(Runnable work);

    /** @return the new build id, or empty when (project, job id) already exists */
    OptionalLong insertBuild(NewBuild build);

    /**
     * {@link #insertBuild} under a given id (an imported build keeps its number; later ids continue above it).
     *
     * @return empty when the id or (project, job id) is taken
     */
    OptionalLong insertBuildWithId(long id, NewBuild build);

    Optional<BuildRow> build(long id);

    Optional<BuildRow> buildByJob(String project, String jobId);

    /** Projects with builds queued and not handed out, the one with the oldest such build first. */
    List<String> projectsWithWaitingBuilds();

    /** Queued builds not handed out, oldest first. */
    List<BuildRow> waitingBuilds(String project, int limit);

    /** Builds of the project handed out or running: the slots its concurrency counts. */
    int activeBuilds(String project);

    void markDispatched(long id, int attempt, long at, String pool);

    /** Owner and state running; {@code started_at} keeps the first start of the build. */
    void markRunning(long id, String runnerId, long at);

    void markFinished(long id, BuildState state, String reason, Integer exitCode, long at);

    /** Back to the queue, not handed out, no owner: the next hand-out makes the next attempt. */
    void markRequeued(long id, String reason);

    void markCancelRequested(long id);

    Optional<AttemptRow> attempt(long buildId, int attempt);

    void insertAttempt(AttemptRow attempt);

    void finishAttempt(long buildId, int attempt, String state, Integer exitCode, String reason, long at);

    void touchAttempt(long buildId, int attempt, long at);

    /**
     * Records an attempt's log size after a chunk: on the attempt, on the build while it is the build's current
     * attempt, and as a sign of life ({@code seenAt}) while the attempt runs.
     */
    void recordLogBytes(long buildId, int attempt, long bytes, long seenAt);

    /** Attempts that count against {@code retries}: every start except the ones handed back. */
    int countedAttempts(long buildId);

    /** Running attempts whose owner was last heard from before {@code at}. */
    List<AttemptRow> runningAttemptsSeenBefore(long at);

    void syslog(long buildId, long at, String line);

    void outbox(String topic, String key, byte[] value, Map<String, String> headers);

    /** The oldest outbox rows after {@code afterId}, in the order they were written (ids only grow). */
    List<OutboxRow> outboxBatch(long afterId, int limit);

    void deleteOutboxUpTo(long id);

    void upsertRunner(RunnerRow runner);

    /** Forgets runners not heard from since {@code before} (pods of past deployments). */
    int deleteRunnersSeenBefore(long before);

    /**
     * Terminal builds of the project beyond the newest {@code keep} terminal ones, newest first, at most
     * {@code limit}. Queued and running builds are never among them.
     */
    List<Long> terminalBuildsBeyond(String project, int keep, int limit);

    /**
     * Binds a job API token to the build's current attempt: only its SHA-256 (hex) is stored, replacing the
     * previous attempt's, which stops working.
     */
    void saveJobToken(long buildId, int attempt, String tokenHash, long at);

    /** The build's job API token stops working (the attempt ended or the build is terminal). */
    void deleteJobToken(long buildId);

    /**
     * Stores an API token's hash and scopes; the same id again changes nothing (a command applied twice).
     *
     * @param expiresAt epoch millis, or null for never
     */
    void insertApiToken(String id, String name, String tokenHash, List<String> projects, List<String> actions,
            String createdBy, long at, Long expiresAt);

    /** @return true when the token existed and was not revoked before */
    boolean revokeApiToken(String id, long at);

    /** Removes the build's rows: the build, its attempts, its system log and its job token. */
    void deleteBuild(long id);

    /** @return the new row's id */
    long insertNotification(long buildId, String url, byte[] body, long at);

    /** Pending notifications with an id above {@code afterId}, oldest first. */
    List<NotificationRow> notificationsAfter(long afterId, int limit);

    void deleteNotification(long id);

    /** The readiness write. */
    void touchHealth(long at);

    /**
     * A durability point: every transaction committed so far is on disk when this returns (the health row is
     * written in a transaction that syncs the write-ahead log, which holds all earlier ones).
     */
    void syncToDisk(long at);
}
