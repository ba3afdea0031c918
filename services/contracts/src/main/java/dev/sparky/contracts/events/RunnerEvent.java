package dev.sparky.contracts.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What a runner reports on {@code sparky.runner-events}. One topic for all of them, keyed by build id, so
 * the dispatcher sees a build's start, log chunks and finish in the order the runner sent them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BuildStarted.class, name = "BuildStarted"),
    @JsonSubTypes.Type(value = LogChunk.class, name = "LogChunk"),
    @JsonSubTypes.Type(value = BuildFinished.class, name = "BuildFinished"),
    @JsonSubTypes.Type(value = RunnerHeartbeat.class, name = "RunnerHeartbeat")
})
public sealed interface RunnerEvent permits BuildStarted, LogChunk, BuildFinished, RunnerHeartbeat {
    int schemaVersion();

    String eventId();

    String runnerId();

    Instant at();
}
