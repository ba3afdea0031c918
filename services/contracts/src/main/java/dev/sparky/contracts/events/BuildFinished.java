package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.UUID;

/**
 * Fact: an attempt ended on its runner.
 *
 * @param exitCode the script's exit code, when it exited by itself
 * @param logBytes the attempt's log size the runner sent in total, after any truncation
 * @param reason a line for people: "exit code 2", "timed out after 1h", "cancelled by alice", ...
 */
public record BuildFinished(
        int schemaVersion,
        String eventId,
        String runnerId,
        Instant at,
        long buildId,
        int attempt,
        Outcome outcome,
        Integer exitCode,
        long logBytes,
        String reason)
        implements RunnerEvent {

    /** How an attempt ended, as the runner saw it. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        CANCELLED,
        /** The runner was asked to stop (scale-down) and gave the build back unfinished: run it again. */
        HANDED_BACK,
        /** The runner lost the attempt (lease expired or superseded) and killed it; changes nothing. */
        ABANDONED
    }

    public static BuildFinished of(
            String runnerId,
            long buildId,
            int attempt,
            Outcome outcome,
            Integer exitCode,
            long logBytes,
            String reason) {
        return new BuildFinished(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                runnerId,
                Instant.now(),
                buildId,
                attempt,
                outcome,
                exitCode,
                logBytes,
                reason);
    }
}
