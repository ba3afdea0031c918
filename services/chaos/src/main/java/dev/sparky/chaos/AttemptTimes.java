package dev.sparky.chaos;

import dev.sparky.contracts.api.AttemptView;
import dev.sparky.contracts.api.BuildView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Detection and recovery times of lost attempts: from the fault that hit the attempt's runner (SIGKILL or
 * SIGSTOP) to the attempt marked lost (its {@code finishedAt}), and to the next attempt running.
 */
final class AttemptTimes {
    private final List<Fault> runnerFaults;
    private Duration detection;
    private Duration recovery;
    private int lost;
    private final List<String> unexplained = new ArrayList<>();

    AttemptTimes(List<Fault> faults) {
        this.runnerFaults = faults.stream()
                .filter(f -> f.kind() == Fault.Kind.RUNNER_KILL || f.kind() == Fault.Kind.RUNNER_PAUSE)
                .toList();
    }

    void add(BuildView build) {
        List<AttemptView> attempts = build.attempts() == null ? List.of() : build.attempts();
        for (int i = 0; i < attempts.size(); i++) {
            AttemptView a = attempts.get(i);
            if (!"lost".equals(a.state()) || a.finishedAt() == null) {
                continue;
            }
            lost++;
            Optional<Fault> cause = causeOf(a);
            if (cause.isEmpty()) {
                unexplained.add("attempt lost without a fault on its runner: build " + build.id() + " attempt "
                        + a.attempt() + " on " + a.runnerId() + " started " + a.startedAt() + ", lost " + a.finishedAt()
                        + " (" + a.reason() + ")");
                continue;
            }
            detection = longer(detection, Duration.between(cause.get().at(), a.finishedAt()));
            if (i + 1 < attempts.size() && attempts.get(i + 1).startedAt() != null) {
                recovery = longer(
                        recovery,
                        Duration.between(cause.get().at(), attempts.get(i + 1).startedAt()));
            }
        }
    }

    /** Every lost attempt of the build follows a fault on its runner. */
    boolean explained(BuildView build) {
        return build.attempts() == null
                || build.attempts().stream()
                        .filter(a -> "lost".equals(a.state()) && a.finishedAt() != null)
                        .allMatch(a -> causeOf(a).isPresent());
    }

    /** The last fault on the attempt's runner before the attempt was marked lost. */
    private Optional<Fault> causeOf(AttemptView a) {
        Instant lostAt = a.finishedAt();
        return runnerFaults.stream()
                .filter(f -> f.target().equals(a.runnerId()) && !f.at().isAfter(lostAt))
                .max(Comparator.comparing(Fault::at));
    }

    private static Duration longer(Duration a, Duration b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    Duration detection() {
        return detection;
    }

    Duration recovery() {
        return recovery;
    }

    int lost() {
        return lost;
    }

    /** Lost attempts on a runner no fault hit, described for people. */
    List<String> unexplained() {
        return List.copyOf(unexplained);
    }
}
