package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.UUID;

/**
 * Command on {@code sparky.runner-control}, read by every runner: stop this attempt if you run it.
 *
 * @param runnerId only this runner must stop; null means whichever runner holds the attempt
 */
public record StopAttempt(
        int schemaVersion,
        String eventId,
        long buildId,
        int attempt,
        String runnerId,
        Reason reason,
        String detail,
        Instant at) {

    /** Why the attempt must stop; the runner's finish outcome follows from it. */
    public enum Reason {
        /** A user cancelled the build: outcome CANCELLED. */
        CANCELLED,
        /** The attempt is no longer this runner's (lease expired, or another runner owns it): outcome ABANDONED. */
        REVOKED
    }

    public static StopAttempt of(long buildId, int attempt, String runnerId, Reason reason, String detail) {
        return new StopAttempt(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                buildId,
                attempt,
                runnerId,
                reason,
                detail,
                Instant.now());
    }
}
