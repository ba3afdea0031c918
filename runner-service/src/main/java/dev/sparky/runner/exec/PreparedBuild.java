package dev.sparky.runner.exec;

import dev.sparky.contracts.events.RunBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A job checked and ready to start: what to run, with which environment, where, as whom, which cache paths, and
 * the notes the runner reports in {@code BuildStarted}. {@code failure} is set when the job cannot run at all
 * (missing script, missing build user).
 *
 * @param cachePaths the job's cache paths that passed the checks
 * @param user the account the build runs as, or null for the runner's own user
 */
public record PreparedBuild(
        RunBuild job,
        List<String> command,
        Map<String, String> environment,
        Path workspace,
        List<String> secretValues,
        List<String> notes,
        String failure,
        List<String> cachePaths,
        BuildUser user) {

    public PreparedBuild {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        secretValues = List.copyOf(secretValues);
        notes = List.copyOf(notes);
        cachePaths = List.copyOf(cachePaths);
    }

    /** A build without cache paths, run as the runner's user. */
    public PreparedBuild(
            RunBuild job,
            List<String> command,
            Map<String, String> environment,
            Path workspace,
            List<String> secretValues,
            List<String> notes,
            String failure) {
        this(job, command, environment, workspace, secretValues, notes, failure, List.of(), null);
    }

    public static PreparedBuild failed(RunBuild job, String reason, List<String> notes) {
        return new PreparedBuild(job, List.of(), Map.of(), null, List.of(), notes, reason);
    }

    public boolean runnable() {
        return failure == null;
    }
}
