package dev.sparky.runner.exec;

import dev.sparky.contracts.events.RunBuild;

/**
 * Runs builds. One process implementation and a fake for tests; the job flow knows only this interface.
 */
public interface BuildExecutor {

    /** Checks the job (script present, how to start it, environment) before its start is reported. */
    PreparedBuild prepare(RunBuild job);

    /**
     * Makes the build's workspace and starts its process held at the gate: nothing of the script runs until
     * {@link #run} opens it, so this may be done while the start is on its way to the broker. Never throws: a
     * launch that failed carries its reason, and {@link #run} reports it as the build's failure.
     */
    Launch launch(PreparedBuild build);

    /**
     * Runs a launched build to its end, streaming its output to {@code log}; blocks until then. A stop
     * requested on {@code control} ends it early with the requested outcome.
     */
    ExecResult run(Launch launch, BuildControl control, LogSink log);
}
