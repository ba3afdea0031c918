package dev.sparky.dispatcher.importer;

import dev.sparky.contracts.BuildState;
import java.nio.file.Path;

/**
 * A Sparky build as it will be recorded here: a finished build with its original job id, description, state and
 * times, and its report as the log of attempt 1.
 *
 * @param reason why a build that did not end in Sparky is recorded as failed; null otherwise
 * @param report Sparky's {@code build-<id>.txt}, or null when it is gone
 * @param syslog Sparky's {@code build-<id>.syslog}, or null when it is gone
 */
public record ImportedBuild(
        long sparkyId,
        String project,
        String jobId,
        String description,
        BuildState state,
        String reason,
        long startedAt,
        long finishedAt,
        Path report,
        Path syslog) {

    /** Sparky wrote the exit code only to a file that is not kept: 0 is known for succeeded builds alone. */
    public Integer exitCode() {
        return state == BuildState.SUCCEEDED ? 0 : null;
    }
}
