package dev.sparky.runner.exec;

import dev.sparky.contracts.events.BuildFinished.Outcome;

/**
 * How an attempt ended on this runner.
 *
 * @param exitCode the script's exit code when it exited by itself, else null
 * @param logBytes the bytes of log sent, truncation marker included
 */
public record ExecResult(Outcome outcome, Integer exitCode, long logBytes, String reason) {

    public static ExecResult failed(String reason) {
        return new ExecResult(Outcome.FAILED, null, 0, reason);
    }
}
