package dev.sparky.kafka;

import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;

/**
 * A set-up step against the broker, tried again and again until it succeeds or its service stops: a service may
 * start before Kafka, and giving up would not make the broker come sooner. A SmallRye Fault Tolerance retry
 * (unlimited tries, a fixed pause, no jitter); the implementation is the service's own (the Quarkus extension in the
 * dispatcher, the standalone library in the runner).
 */
public final class UntilTheBrokerAnswers {
    /** Longer than any service lives: the retry ends by success or by the stop, never by time. */
    private static final long FOREVER_DAYS = 3650;

    private UntilTheBrokerAnswers() {}

    /**
     * @param what the step, for the guard's description
     * @param pause between a failure and the next try
     * @param stop true once the service is stopping: the last failure is then not retried
     * @param onFailure told each failure and how many there were so far, before the pause (to log it)
     * @return true when the step succeeded, false when stopped or interrupted first
     */
    public static boolean run(
            String what, Duration pause, BooleanSupplier stop, ObjIntConsumer<Throwable> onFailure, Runnable step) {
        AtomicInteger failures = new AtomicInteger();
        TypedGuard<Boolean> untilDone = TypedGuard.create(Boolean.class)
                .withDescription(what)
                .withRetry()
                .whenException(e -> e instanceof RuntimeException && !stop.getAsBoolean())
                .beforeRetry(e -> onFailure.accept(e, failures.incrementAndGet()))
                .maxRetries(-1)
                .delay(pause.toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(FOREVER_DAYS, ChronoUnit.DAYS)
                .done()
                .build();
        try {
            return untilDone.call(() -> {
                step.run();
                return true;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false; // stopped: the last failure was not retried
        }
    }
}
