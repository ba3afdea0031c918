package dev.sparky.chaos;

import dev.sparky.testkit.ServiceProcess;
import dev.sparky.testkit.SparkyCluster;
import dev.sparky.testkit.Waits;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Throws the soak's faults at the cluster, one after the other, each once enough triggers have been sent:
 * SIGKILL of a busy runner (then a new runner), SIGSTOP of a busy runner for longer than the lease (then
 * SIGCONT), SIGKILL of the dispatcher (then a restart), and an orderly broker stop for 10-30 s.
 */
final class FaultInjector {
    private final SparkyCluster cluster;
    private final ChaosOptions options;
    private final Random random;
    private final PrintStream out;
    private final List<Fault> thrown = new CopyOnWriteArrayList<>();
    private final List<Fault.Planned> plan;
    /** Faults of the plan begun so far (the one being thrown included). */
    private volatile int begun;

    FaultInjector(SparkyCluster cluster, ChaosOptions options, Random random, PrintStream out) {
        this.cluster = cluster;
        this.options = options;
        this.random = random;
        this.out = out;
        this.plan = plan();
    }

    /** Every fault at a random point between 10 % and 80 % of the triggers, in order. */
    private List<Fault.Planned> plan() {
        List<Fault.Planned> plan = new ArrayList<>();
        add(plan, Fault.Kind.RUNNER_KILL, options.runnerKills());
        add(plan, Fault.Kind.RUNNER_PAUSE, options.runnerPauses());
        add(plan, Fault.Kind.DISPATCHER_KILL, options.dispatcherKills());
        add(plan, Fault.Kind.BROKER_OUTAGE, options.brokerOutages());
        plan.sort(Comparator.comparingInt(Fault.Planned::afterTriggers));
        return List.copyOf(plan);
    }

    private void add(List<Fault.Planned> plan, Fault.Kind kind, int count) {
        int from = options.builds() / 10;
        int span = Math.max(1, options.builds() * 7 / 10);
        for (int i = 0; i < count; i++) {
            plan.add(new Fault.Planned(kind, from + random.nextInt(span)));
        }
    }

    /**
     * Called by the trigger loop before trigger number {@code sent}: waits until every fault planned up to
     * there has begun, so that triggers go on during each fault (and meet the broker outage) however fast
     * they are sent.
     */
    void awaitDue(int sent) {
        while (begun < plan.size() && plan.get(begun).afterTriggers() <= sent) {
            Waits.sleep(50);
        }
    }

    /** Throws every planned fault when its trigger count is reached; returns when all were thrown. */
    void run(IntSupplier sent) {
        for (Fault.Planned p : plan) {
            while (sent.getAsInt() < p.afterTriggers()) {
                Waits.sleep(100);
            }
            begun++;
            try {
                Fault f = throwFault(p.kind());
                thrown.add(f);
                out.println("    fault: " + f);
            } catch (RuntimeException | AssertionError e) {
                // A fault that could not be thrown (no runner came up in time) must not end the soak.
                out.println("    fault " + p.kind() + " failed: " + e.getMessage());
            }
        }
    }

    List<Fault> thrown() {
        return List.copyOf(thrown);
    }

    private Fault throwFault(Fault.Kind kind) {
        return switch (kind) {
            case RUNNER_KILL -> killRunner();
            case RUNNER_PAUSE -> pauseRunner();
            case DISPATCHER_KILL -> killDispatcher();
            case BROKER_OUTAGE -> brokerOutage();
        };
    }

    private Fault killRunner() {
        ServiceProcess victim = busyRunner();
        Instant at = Instant.now();
        victim.process().kill();
        cluster.addRunner();
        return new Fault(Fault.Kind.RUNNER_KILL, victim.name(), at, Duration.ZERO);
    }

    private Fault pauseRunner() {
        ServiceProcess victim = busyRunner();
        Duration length = options.lease().plusSeconds(3);
        Instant at = Instant.now();
        victim.process().pause();
        try {
            Waits.sleep(length.toMillis());
        } finally {
            victim.process().resume();
        }
        return new Fault(Fault.Kind.RUNNER_PAUSE, victim.name(), at, length);
    }

    private Fault killDispatcher() {
        Instant at = Instant.now();
        cluster.dispatcher().process().kill();
        Waits.sleep(1000 + random.nextInt(2000));
        cluster.restartDispatcher();
        return new Fault(Fault.Kind.DISPATCHER_KILL, "dispatcher", at, Duration.between(at, Instant.now()));
    }

    private Fault brokerOutage() {
        long min = options.brokerDownMin().toMillis();
        long spread = options.brokerDownMax().toMillis() - min;
        long down = min + (spread > 0 ? (long) (random.nextDouble() * spread) : 0);
        Instant at = Instant.now();
        cluster.broker().stop();
        Waits.sleep(down);
        cluster.broker().start();
        return new Fault(Fault.Kind.BROKER_OUTAGE, "kafka", at, Duration.between(at, Instant.now()));
    }

    /** A live runner that is running a build (waits up to 10 s for one), else any live runner. */
    private ServiceProcess busyRunner() {
        Instant end = Instant.now().plusSeconds(10);
        List<ServiceProcess> alive =
                cluster.runners().stream().filter(r -> r.process().isAlive()).toList();
        while (Instant.now().isBefore(end)) {
            Set<String> busy = busyRunnerIds();
            List<ServiceProcess> candidates =
                    alive.stream().filter(r -> busy.contains(r.name())).toList();
            if (!candidates.isEmpty()) {
                return candidates.get(random.nextInt(candidates.size()));
            }
            Waits.sleep(200);
        }
        return alive.get(random.nextInt(alive.size()));
    }

    private Set<String> busyRunnerIds() {
        var a = cluster.api().get("/api/v1/runners");
        if (a.status() != 200) {
            return Set.of();
        }
        return StreamSupport.stream(a.json().spliterator(), false)
                .filter(r -> "busy".equalsIgnoreCase(r.path("state").asText()))
                .map(r -> r.path("runnerId").asText())
                .collect(Collectors.toSet());
    }
}
