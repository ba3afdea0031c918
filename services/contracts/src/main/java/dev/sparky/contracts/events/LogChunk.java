package dev.sparky.contracts.events;

import dev.sparky.contracts.SchemaVersion;
import java.time.Instant;
import java.util.UUID;

/**
 * Fact: bytes of an attempt's log, as printed (stdout and stderr interleaved, ANSI kept, any bytes).
 * {@code offset} is where they start in the attempt's log, so a chunk delivered twice is written once.
 * Runners batch output into chunks (size or time bound), never one record per line.
 */
public record LogChunk(
        int schemaVersion,
        String eventId,
        String runnerId,
        Instant at,
        long buildId,
        int attempt,
        long offset,
        byte[] data)
        implements RunnerEvent {

    public static LogChunk of(String runnerId, long buildId, int attempt, long offset, byte[] data) {
        return new LogChunk(
                SchemaVersion.CURRENT,
                UUID.randomUUID().toString(),
                runnerId,
                Instant.now(),
                buildId,
                attempt,
                offset,
                data);
    }
}
