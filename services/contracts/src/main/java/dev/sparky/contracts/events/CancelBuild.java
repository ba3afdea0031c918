package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.UUID;

/** Command on {@code sparky.build-commands}: cancel a build, queued or running. Key: project. */
public record CancelBuild(
        int schemaVersion, String eventId, String project, String jobId, String requestedBy, Instant at) {

    public static CancelBuild of(String project, String jobId, String requestedBy) {
        return new CancelBuild(
                SchemaVersion.CURRENT, UUID.randomUUID().toString(), project, jobId, requestedBy, Instant.now());
    }
}
