package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fact: a runner started an attempt. Sent before the runner acknowledges the job record, so a started
 * attempt is always known to the dispatcher.
 *
 * @param notes system-log lines the runner wants recorded (for example "job.sh has no shebang: ran with bash")
 */
public record BuildStarted(
        int schemaVersion, String eventId, String runnerId, Instant at, long buildId, int attempt, List<String> notes)
        implements RunnerEvent {

    public BuildStarted {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static BuildStarted of(String runnerId, long buildId, int attempt, List<String> notes) {
        return new BuildStarted(
                SchemaVersion.CURRENT, UUID.randomUUID().toString(), runnerId, Instant.now(), buildId, attempt, notes);
    }
}
