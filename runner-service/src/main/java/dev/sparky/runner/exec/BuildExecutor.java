package dev.sparky.runner.exec;

import dev.sparky.contracts.events.RunBuild;

/**
 * Runs builds. One process implementation and a fake for tests; the job flow knows only this interface.
 */
public interface BuildExecutor {

    /** Checks the job (script present, how to start it, environment) before its start is reported. */
    PreparedBuild prepare(RunBuild job);

    /**
     * Runs a prepared build to its end, streaming its output to {@code log}; blocks until then. A stop
     * requested on {@code control} ends it early with the requested outcome.
     */
    ExecResult run(PreparedBuild build, BuildControl control, LogSink log);
}
