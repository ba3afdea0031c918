package dev.sparky.dispatcher.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The JSON a notify hook receives when a build ends. Every field is written, null or not, so receivers can
 * rely on the shape.
 *
 * @param url the build's page in the UI
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NotifyPayload(
        String project,
        long buildId,
        String jobId,
        String state,
        int sparkyCode,
        Integer exitCode,
        String reason,
        String url,
        Instant finishedAt) {}
