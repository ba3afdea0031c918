package dev.sparky.runner.queue;

import dev.sparky.kafka.PublishFailedException;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * The two report retries of a job, as SmallRye Fault Tolerance guards. The runner uses the library's standalone
 * programmatic API, not the Quarkus extension: nothing else in the runner needs fault tolerance, and the
 * extension's start-up work (annotation scanning, metrics, config) would be paid by every runner pod.
 */
final class ReportRetries {
    /** Longer than any runner lives: the finish is retried until it is taken or the runner gives up. */
    private static final long FOREVER_DAYS = 3650;

    private final TypedGuard<Boolean> start;
    private final TypedGuard<Boolean> finish;

    ReportRetries(JobHandler.Timings timings) {
        long startBudget = timings.startTimeout().toMillis() * (timings.startTries() + 1) + 1;
        // The start: a fixed number of tries back to back (each waits up to startTimeout for the broker).
        start = TypedGuard.create(Boolean.class)
                .withDescription("build start report")
                .withRetry()
                .retryOn(PublishFailedException.class)
                .maxRetries(Math.max(0, timings.startTries() - 1))
                .delay(0, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(startBudget, ChronoUnit.MILLIS)
                .done()
                .build();
        // The finish: until the broker takes it, retryPause apart; GaveUp (the runner is going away) ends it.
        finish = TypedGuard.create(Boolean.class)
                .withDescription("build finish report")
                .withRetry()
                .retryOn(PublishFailedException.class)
                .abortOn(GaveUp.class)
                .maxRetries(-1)
                .delay(Math.max(1, timings.retryPause().toMillis()), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(FOREVER_DAYS, ChronoUnit.DAYS)
                .done()
                .build();
    }

    /** @return true when one of the tries was acknowledged, false when all failed */
    boolean start(Callable<Boolean> report) {
        return run(start, report);
    }

    /** @return true when the finish was acknowledged, false when the runner gave up first */
    boolean finish(Callable<Boolean> report) {
        return run(finish, report);
    }

    private static boolean run(TypedGuard<Boolean> guard, Callable<Boolean> report) {
        try {
            return guard.call(report);
        } catch (PublishFailedException | GaveUp e) {
            return false;
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown by a report that should not be tried again: the runner is shutting down. */
    static final class GaveUp extends Exception {
        GaveUp(String message) {
            super(message, null, false, false);
        }
    }
}
