package dev.sparky.chaos;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a soak: the counts the checker found and the longest detection and recovery times.
 *
 * @param refusals 503 answers during the broker outage (a trigger refused twice counts twice)
 * @param refusedThenAccepted triggers refused at first and accepted when sent again
 * @param neverAccepted refused triggers still refused at the end (the soak fails on them)
 * @param lost accepted job ids without any build
 * @param duplicated job ids with more than one build
 * @param stuck builds still queued or running after the soak waited for quiescence
 * @param wrongEndState builds whose end state disagrees with what the script intends
 * @param budgetRanOut builds that ended failed "runner lost" because their retries ran out
 * @param unknownBuilds builds of the soak's projects whose job id no trigger was given
 * @param lostAttempts attempts marked lost; of them {@code unexplainedLost} on a runner no fault hit
 * @param detection longest time from a kill (or SIGSTOP) to the attempt marked lost; null without any
 * @param recovery longest time from a kill (or SIGSTOP) to the next attempt running; null without any
 * @param examples a few of the wrong builds, for people
 */
public record SoakReport(
        ChaosOptions options,
        List<Fault> faults,
        int accepted,
        int refusals,
        int refusedThenAccepted,
        int neverAccepted,
        int terminal,
        int lost,
        int duplicated,
        int stuck,
        int wrongEndState,
        int budgetRanOut,
        int unknownBuilds,
        int lostAttempts,
        int unexplainedLost,
        Duration detection,
        Duration recovery,
        Duration wallTime,
        List<String> examples) {

    /** Nothing lost, nothing built twice, nothing stuck, and every refused trigger accepted in the end. */
    public boolean ok() {
        return lost == 0 && duplicated == 0 && stuck == 0 && neverAccepted == 0;
    }

    /** {@link #ok()} and nothing odd either: every end state as intended, every lost attempt explained. */
    public boolean clean() {
        return ok() && wrongEndState == 0 && unexplainedLost == 0 && unknownBuilds == 0;
    }

    /** The result as a Markdown table, ready for docs/failure-modes.md. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "Chaos soak: %d builds, %d runners, seed %d, lease %d s; faults: %s%n%n",
                options.builds(),
                options.runners(),
                options.seed(),
                options.lease().toSeconds(),
                faultSummary()));
        sb.append("| measure | value |\n|---|---|\n");
        row(sb, "triggers accepted", accepted);
        row(sb, "refused with 503 (answers) / refused, then accepted", refusals + " / " + refusedThenAccepted);
        row(sb, "refused and never accepted", neverAccepted);
        row(sb, "terminal", terminal);
        row(sb, "lost (accepted job id without a build)", lost);
        row(sb, "duplicated (two builds for one job id)", duplicated);
        row(sb, "stuck running or queued", stuck);
        row(sb, "end state disagrees with the script's intent", wrongEndState);
        row(sb, "failed \"runner lost\" (retry budget ran out)", budgetRanOut);
        row(sb, "builds of unknown job ids", unknownBuilds);
        row(sb, "attempts lost (without a fault on their runner)", lostAttempts + " (" + unexplainedLost + ")");
        row(sb, "longest detection: kill to attempt lost", seconds(detection));
        row(sb, "longest recovery: kill to next attempt running", seconds(recovery));
        row(sb, "wall time", seconds(wallTime));
        row(sb, "verdict", ok() ? "PASS" : "FAIL");
        examples.forEach(e -> sb.append("\n    ").append(e));
        return sb.toString();
    }

    private String faultSummary() {
        StringBuilder sb = new StringBuilder();
        for (Fault.Kind k : Fault.Kind.values()) {
            List<Fault> of = faults.stream().filter(f -> f.kind() == k).toList();
            if (!of.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : ", ")
                        .append(of.size())
                        .append(' ')
                        .append(k.name().toLowerCase().replace('_', ' '));
                if (k == Fault.Kind.BROKER_OUTAGE || k == Fault.Kind.RUNNER_PAUSE) {
                    sb.append(" (")
                            .append(of.stream().map(f -> seconds(f.length())).toList())
                            .append(')');
                }
            }
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }

    private static void row(StringBuilder sb, String measure, Object value) {
        sb.append("| ").append(measure).append(" | ").append(value).append(" |\n");
    }

    private static String seconds(Duration d) {
        return d == null ? "-" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
