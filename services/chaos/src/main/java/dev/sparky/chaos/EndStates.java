package dev.sparky.chaos;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.api.BuildView;

/**
 * What end state a soak build must reach: a succeeding script ends {@code succeeded}, a failing one
 * {@code failed} with its exit code, unless runners were lost more often than its retries allow: then
 * {@code failed} with reason "runner lost".
 */
final class EndStates {
    private EndStates() {}

    /** The build ended failed "runner lost" after as many lost attempts as its retries allow, plus one. */
    static boolean budgetRanOut(BuildView b) {
        if (b.state() != BuildState.FAILED || b.reason() == null || !b.reason().contains("runner lost")) {
            return false;
        }
        int retries = ChaosProjects.of(b.project()).orElseThrow().retries();
        long lost = b.attempts() == null
                ? 0
                : b.attempts().stream().filter(a -> "lost".equals(a.state())).count();
        return lost >= retries + 1;
    }

    /** @return null when the end state is what the script intends (or the budget ran out), else why not */
    static String problem(BuildView b) {
        if (budgetRanOut(b)) {
            return null;
        }
        ChaosProjects.Kind kind = ChaosProjects.of(b.project()).orElseThrow();
        String seen = b.state().wireName() + " (" + b.reason() + ", exit code " + b.exitCode() + ", attempt "
                + b.attempt() + ")";
        if (kind.succeeds()) {
            return b.state() == BuildState.SUCCEEDED ? null : "expected succeeded, got " + seen;
        }
        boolean failedByScript =
                b.state() == BuildState.FAILED && b.exitCode() != null && b.exitCode() == ChaosProjects.FAILING_EXIT;
        return failedByScript ? null : "expected failed with exit code " + ChaosProjects.FAILING_EXIT + ", got " + seen;
    }
}
