package dev.sparky.chaos;

import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import dev.sparky.testkit.Waits;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Sends the soak's triggers through the public HTTP API ({@code POST /build/project/{p}}), paced so that a
 * small backlog keeps every runner busy. A trigger refused (503 while the broker is down) goes to a
 * pending queue and is sent again once triggers are accepted again.
 */
final class Triggerer {
    private static final Duration PENDING_LIMIT = Duration.ofMinutes(3);
    private final SparkyApi api;
    private final Ledger ledger;
    private final Random random;
    private final int backlog;
    private final PrintStream out;
    private final IntConsumer gate;
    private final Deque<String> pending = new ArrayDeque<>();
    private final AtomicInteger sent = new AtomicInteger();
    private boolean lastAccepted = true;

    /** @param gate called before each new trigger with the number sent so far; may block (fault schedule) */
    Triggerer(SparkyApi api, Ledger ledger, Random random, int runners, PrintStream out, IntConsumer gate) {
        this.api = api;
        this.ledger = ledger;
        this.random = random;
        this.backlog = 2 * runners;
        this.out = out;
        this.gate = gate;
    }

    /** Triggers sent so far (first sends only), for the fault schedule. */
    int sent() {
        return sent.get();
    }

    /** Sends {@code builds} triggers, then sends again every refused one until accepted (or 3 minutes). */
    void run(int builds) {
        for (int i = 0; i < builds; i++) {
            gate.accept(i);
            pace();
            if (lastAccepted) {
                retryPending();
            }
            String project = ChaosProjects.pick(random).project();
            if (!send(project, false)) {
                pending.add(project);
            }
            if (sent.incrementAndGet() % 25 == 0) {
                out.printf(
                        "    %d/%d triggers sent, %d accepted, %d waiting to be sent again%n",
                        sent.get(), builds, ledger.accepted().size(), pending.size());
            }
        }
        drainPending();
    }

    private void drainPending() {
        Instant end = Instant.now().plus(PENDING_LIMIT);
        while (!pending.isEmpty() && Instant.now().isBefore(end)) {
            retryPending();
            if (!pending.isEmpty()) {
                Waits.sleep(1000);
            }
        }
        if (!pending.isEmpty()) {
            out.printf(
                    "    %d refused trigger(s) were still refused after %d s%n",
                    pending.size(), PENDING_LIMIT.toSeconds());
            ledger.neverAccepted(pending.size());
        }
    }

    private void retryPending() {
        while (!pending.isEmpty()) {
            if (!send(pending.peek(), true)) {
                return;
            }
            pending.poll();
        }
    }

    /** @return true when accepted; false when refused (to be sent again) */
    private boolean send(String project, boolean again) {
        Answer a = api.post("/build/project/" + project);
        if (a.status() == 200) {
            ledger.accepted(project, a.body().trim(), again);
            lastAccepted = true;
            return true;
        }
        if (a.status() == 503 || a.status() == -1 || a.status() == 502 || a.status() == 504) {
            ledger.refused();
            lastAccepted = false;
            return false;
        }
        throw new IllegalStateException("trigger of " + project + " answered " + a.status() + ": " + a.body());
    }

    /** A short random pause, then wait (at most 15 s) while the queue holds more than two builds a runner. */
    private void pace() {
        Waits.sleep(50 + random.nextInt(200));
        Instant end = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(end) && queued() >= backlog) {
            Waits.sleep(200);
        }
    }

    private int queued() {
        Answer a = api.get("/api/v1/overview");
        return a.status() == 200 ? a.json().path("queued").asInt() : 0;
    }
}
