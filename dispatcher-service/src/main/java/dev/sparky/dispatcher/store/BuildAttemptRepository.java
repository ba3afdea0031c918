package dev.sparky.dispatcher.store;

import dev.sparky.contracts.BuildState;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds, their attempts and their system log, as the engine writes them. */
public interface BuildAttemptRepository {

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

    /** Owner and state running; {@code started_at} keeps the first start of the build. */
    void markRunning(long id, String runnerId, long at);

    void markFinished(long id, BuildState state, String reason, Integer exitCode, long at);

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

    /**
     * Terminal builds of the project beyond the newest {@code keep} terminal ones, newest first, at most
     * {@code limit}. Queued and running builds are never among them.
     */
    List<Long> terminalBuildsBeyond(String project, int keep, int limit);

    /** Removes the build's rows: the build, its attempts, its system log and its job token. */
    void deleteBuild(long id);
}
