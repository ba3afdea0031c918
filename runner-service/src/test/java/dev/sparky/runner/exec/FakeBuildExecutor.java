package dev.sparky.runner.exec;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Executor for flow tests: prints the given log, then either exits with the given code or, when
 * {@code waitForStop}, runs until its control is stopped (as a long build would).
 */
public final class FakeBuildExecutor implements BuildExecutor {
    private final String log;
    private final int exitCode;
    private final boolean waitForStop;
    private final List<String> notes;
    private boolean lasting;
    public final CountDownLatch started = new CountDownLatch(1);
    public volatile int runs;
    public volatile int launches;

    public FakeBuildExecutor(String log, int exitCode, boolean waitForStop, List<String> notes) {
        this.log = log;
        this.exitCode = exitCode;
        this.waitForStop = waitForStop;
        this.notes = notes;
    }

    public static FakeBuildExecutor exiting(String log, int exitCode) {
        return new FakeBuildExecutor(log, exitCode, false, List.of());
    }

    /** A build that runs long: the executor says so ({@link Launch#lasting()}) before it ends. */
    public static FakeBuildExecutor lastingLong(String log, int exitCode) {
        FakeBuildExecutor executor = new FakeBuildExecutor(log, exitCode, false, List.of());
        executor.lasting = true;
        return executor;
    }

    public static FakeBuildExecutor runningUntilStopped() {
        return new FakeBuildExecutor("working\n", 0, true, List.of());
    }

    @Override
    public PreparedBuild prepare(RunBuild job) {
        return new PreparedBuild(job, List.of("fake"), Map.of(), null, List.of(), notes, null);
    }

    @Override
    public Launch launch(PreparedBuild build) {
        launches++;
        return Launch.nothingHeld(build);
    }

    @Override
    public ExecResult run(Launch launch, BuildControl control, LogSink sink) {
        runs++;
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        sink.chunk(0, bytes);
        CountDownLatch stopped = new CountDownLatch(1);
        control.onStop(request -> stopped.countDown());
        launch.running();
        if (lasting) {
            launch.lasting();
        }
        started.countDown();
        if (waitForStop) {
            await(stopped);
        }
        control.seal();
        return control.stopRequest()
                .map(r -> new ExecResult(r.outcome(), null, bytes.length, r.reason()))
                .orElseGet(() -> new ExecResult(
                        exitCode == 0 ? Outcome.SUCCEEDED : Outcome.FAILED,
                        exitCode,
                        bytes.length,
                        "exit code " + exitCode));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake build was never stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
