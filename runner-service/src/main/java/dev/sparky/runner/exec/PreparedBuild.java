package dev.sparky.runner.exec;

import dev.sparky.contracts.events.RunBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A job checked and ready to start: what to run, with which environment, where, and the notes the runner
 * reports in {@code BuildStarted}. {@code failure} is set when the job cannot run at all (missing script).
 */
public record PreparedBuild(
        RunBuild job,
        List<String> command,
        Map<String, String> environment,
        Path workspace,
        List<String> secretValues,
        List<String> notes,
        String failure) {

    public PreparedBuild {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        secretValues = List.copyOf(secretValues);
        notes = List.copyOf(notes);
    }

    public static PreparedBuild failed(RunBuild job, String reason, List<String> notes) {
        return new PreparedBuild(job, List.of(), Map.of(), null, List.of(), notes, reason);
    }

    public boolean runnable() {
        return failure == null;
    }
}
