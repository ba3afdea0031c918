package dev.sparky.ui.jobapi;

import dev.sparky.contracts.api.BuildView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Waits until a build is terminal or a deadline passes, asking the dispatcher at a fixed interval. The wait
 * holds no thread: a timer fires each poll and only the lookup itself runs on a worker thread, so hundreds of
 * builds can wait for their children at once. A build not known yet (a predefined job id still in Kafka) is
 * waited for too; a dispatcher that fails a poll is asked again at the next one.
 */
public final class BuildWaiter {
    /** The longest {@code ?wait=} a client may ask for, in seconds. */
    public static final int MAX_WAIT_SECONDS = 300;

    /**
     * @param build the last state seen; null when the build was never found
     * @param timedOut true when the deadline passed before the build was terminal
     */
    public record Outcome(BuildView build, boolean timedOut) {}

    private record Probe(Optional<BuildView> build, RuntimeException failure) {
        boolean terminal() {
            return build != null && build.isPresent() && build.get().state().isTerminal();
        }
    }

    private final Clock clock;
    private final Duration interval;
    private final Executor lookups;
    private final ScheduledExecutorService timers;

    /**
     * @param lookups runs the (blocking) dispatcher calls
     * @param timers fires the polls
     */
    public BuildWaiter(Clock clock, Duration interval, Executor lookups, ScheduledExecutorService timers) {
        this.clock = clock;
        this.interval = interval;
        this.lookups = lookups;
        this.timers = timers;
    }

    /** @param lookup one question to the dispatcher; may throw when it is unavailable */
    public Uni<Outcome> await(Supplier<Optional<BuildView>> lookup, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(1))
                .onExecutor(timers)
                .every(interval)
                .onOverflow()
                .drop() // a slow lookup skips ticks instead of failing the wait
                .onItem()
                .transformToUniAndConcatenate(tick -> probe(lookup))
                .select()
                .where(p -> p.terminal() || !clock.instant().isBefore(deadline))
                .toUni()
                .map(BuildWaiter::outcome);
    }

    private Uni<Probe> probe(Supplier<Optional<BuildView>> lookup) {
        return Uni.createFrom()
                .item(() -> {
                    try {
                        return new Probe(lookup.get(), null);
                    } catch (RuntimeException e) {
                        return new Probe(null, e);
                    }
                })
                .runSubscriptionOn(lookups);
    }

    private static Outcome outcome(Probe p) {
        if (p.failure() != null) {
            throw p.failure();
        }
        BuildView b = p.build().orElse(null);
        return new Outcome(b, b == null || !b.state().isTerminal());
    }

    /** @throws IllegalArgumentException naming the parameter when it is not a whole number 0..300 */
    public static Duration parseWait(String wait) {
        if (wait == null || wait.isBlank()) {
            return Duration.ZERO;
        }
        try {
            int s = Integer.parseInt(wait.strip());
            if (s >= 0 && s <= MAX_WAIT_SECONDS) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // refused below with the rule
        }
        throw new IllegalArgumentException(
                "wait must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS + ", got '" + wait + "'");
    }
}
