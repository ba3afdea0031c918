package dev.sparky.chaos;

import dev.sparky.contracts.api.BuildView;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until the soak's builds settle, then compares them with the ledger: lost, duplicated, stuck, and
 * end states that disagree with what the script intends.
 */
final class SoakChecker {
    private static final int EXAMPLES = 10;
    private final BuildLister builds;

    SoakChecker(SparkyApi api) {
        this.builds = new BuildLister(api);
    }

    /** @return true when every accepted job has a terminal build and no build waits or runs */
    boolean awaitQuiescence(Ledger ledger, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            try {
                Map<String, List<BuildView>> byJob = byJob(builds.all());
                boolean allBuilt = ledger.accepted().stream().allMatch(a -> byJob.containsKey(a.key()));
                boolean allDone = byJob.values().stream()
                        .flatMap(List::stream)
                        .allMatch(b -> b.state().isTerminal());
                if (allBuilt && allDone) {
                    return true;
                }
            } catch (IllegalStateException e) {
                // the dispatcher may still be restarting: ask again
            }
            Waits.sleep(2000);
        }
        return false;
    }

    SoakReport check(ChaosOptions options, Ledger ledger, List<Fault> faults, Duration wallTime) {
        Map<String, List<BuildView>> byJob = byJob(builds.all());
        Tally t = new Tally(new AttemptTimes(faults));
        for (Ledger.Accepted a : ledger.accepted()) {
            List<BuildView> of = byJob.get(a.key());
            if (of == null) {
                t.lost++;
                t.note("lost: " + a.key());
            } else if (of.stream().anyMatch(b -> b.state().isTerminal())) {
                t.terminal++;
            }
        }
        for (Map.Entry<String, List<BuildView>> e : byJob.entrySet()) {
            String[] pj = e.getKey().split("/", 2);
            t.unknown += ledger.isAccepted(pj[0], pj[1]) ? 0 : 1;
            if (e.getValue().size() > 1) {
                t.duplicated++;
                t.note("duplicated: " + e.getKey() + " has " + e.getValue().size() + " builds");
            }
            e.getValue().forEach(b -> judge(b, t));
        }
        t.times.unexplained().forEach(t::note);
        return new SoakReport(
                options,
                faults,
                ledger.accepted().size(),
                ledger.refusals(),
                ledger.refusedThenAccepted(),
                ledger.neverAccepted(),
                t.terminal,
                t.lost,
                t.duplicated,
                t.stuck,
                t.wrong,
                t.budget,
                t.unknown,
                t.times.lost(),
                t.times.unexplained().size(),
                t.times.detection(),
                t.times.recovery(),
                wallTime,
                t.examples);
    }

    private void judge(BuildView b, Tally t) {
        String job = b.project() + "/" + b.jobId();
        if (!b.state().isTerminal()) {
            t.stuck++;
            t.note("stuck: build " + b.id() + " " + job + " " + b.state().wireName());
            return;
        }
        BuildView full = needsDetail(b) ? builds.detail(b.id()) : b;
        t.times.add(full);
        boolean budgetRanOut = EndStates.budgetRanOut(full);
        // Retries used up by losses the soak did not cause: the product gave up on a live runner.
        String problem = budgetRanOut && !t.times.explained(full)
                ? "failed \"runner lost\" although no fault hit its runner " + full.runnerId()
                : EndStates.problem(full);
        if (problem != null) {
            t.wrong++;
            t.note("wrong end state: build " + b.id() + " " + job + ": " + problem);
        } else if (budgetRanOut) {
            t.budget++;
        }
    }

    /** Counts gathered while checking. */
    private static final class Tally {
        final AttemptTimes times;
        final List<String> examples = new ArrayList<>();
        int lost;
        int terminal;
        int duplicated;
        int stuck;
        int wrong;
        int budget;
        int unknown;

        Tally(AttemptTimes times) {
            this.times = times;
        }

        void note(String line) {
            if (examples.size() < EXAMPLES) {
                examples.add(line);
            }
        }
    }

    private static boolean needsDetail(BuildView b) {
        return b.attempt() > 1 || b.reason() != null && b.reason().contains("lost");
    }

    private static Map<String, List<BuildView>> byJob(List<BuildView> all) {
        Map<String, List<BuildView>> byJob = new HashMap<>();
        for (BuildView b : all) {
            byJob.computeIfAbsent(b.project() + "/" + b.jobId(), k -> new ArrayList<>())
                    .add(b);
        }
        return byJob;
    }
}
