package dev.sparky.bench.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor under the throughput: {@code loops} bare {@code for ...; do bash job.sh; done} loops side by
 * side, one per runner, each running the trivial script {@code builds} times. Builds per minute.
 */
public final class BareLoop {
    private BareLoop() {}

    public static double perMinute(Path job, int loops, int builds) {
        String loop = "for i in $(seq 1 " + builds + "); do bash " + job + " || exit 1; done";
        List<Process> running = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < loops; i++) {
                running.add(new ProcessBuilder("bash", "-c", loop)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start());
            }
            for (Process p : running) {
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("the bare loop failed: bash " + job);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bash: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return loops * (double) builds * 60.0 / seconds;
    }
}
