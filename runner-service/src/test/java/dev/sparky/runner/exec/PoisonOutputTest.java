package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparky.contracts.events.BuildFinished.Outcome;
import dev.sparky.contracts.events.RunBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output meant to hurt the runner: one 100 MB line without a newline, and a 1 GB log. The runner reads them
 * through bounded buffers (64 KiB reads, 64 KiB chunks), sends the capped part and the marker, drains the rest
 * and ends the build normally; its resident memory does not grow with the output.
 */
class PoisonOutputTest {
    private static final long CAP = 1024 * 1024;
    private static final long RSS_GROWTH_LIMIT = 96L * 1024 * 1024;

    @TempDir
    Path home;

    private ExecFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ExecFixture(home, Map.of("PATH", System.getenv("PATH"), "TOKEN", "some-secret-value"));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aHundredMegabyteLineWithoutNewlineIsCutAndTheBuildEnds() throws Exception {
        fx.script(
                "poison",
                "#!/bin/bash\nhead -c 104857600 /dev/zero | tr '\\0' 'x'\necho after > after.txt\n"
                        + "cat after.txt\n");
        Measured m = measure(job(1));
        assertLog("x".repeat((int) CAP) + LogStreamer.marker(CAP), m.run.log());
        assertBounded(m);
    }

    @Test
    void aOneGigabyteLogIsDrainedWithoutGrowingTheRunner() throws Exception {
        fx.script("poison", "#!/bin/bash\nyes | head -c 1073741824\nexit 0\n");
        Measured m = measure(job(2));
        assertLog("y\n".repeat((int) CAP / 2) + LogStreamer.marker(CAP), m.run.log());
        assertBounded(m);
    }

    private RunBuild job(long id) {
        return Jobs.job(id, "poison", "job.sh", Map.of(), Map.of(), List.of("TOKEN"), 300, CAP);
    }

    /** Compares without printing a megabyte of log on failure. */
    private static void assertLog(String expected, String log) {
        String tail = log.substring(Math.max(0, log.length() - 120));
        assertTrue(expected.equals(log), "log of " + log.length() + " bytes ending with: " + tail);
    }

    private void assertBounded(Measured m) {
        assertEquals(Outcome.SUCCEEDED, m.run.result().outcome(), m.run.result().reason());
        assertEquals(CAP + LogStreamer.marker(CAP).length(), m.run.result().logBytes());
        int biggest = m.run.sink().chunks.stream()
                .mapToInt(c -> c.data().length)
                .max()
                .orElse(0);
        assertTrue(biggest <= LogStreamer.MAX_CHUNK, "largest chunk " + biggest);
        // Full chunks when the machine keeps up; at worst one per pipe read when a time flush comes first.
        assertTrue(
                m.run.sink().count() <= CAP / LogStreamer.READ_SIZE + 2,
                "chunks: " + m.run.sink().count());
        assertTrue(m.rssGrowth < RSS_GROWTH_LIMIT, "resident memory grew by " + m.rssGrowth / (1024 * 1024) + " MB");
    }

    private record Measured(ExecFixture.Run run, long rssGrowth) {}

    /** Runs the job while sampling the JVM's resident set size; reports the peak growth over the start. */
    private Measured measure(RunBuild job) throws Exception {
        System.gc();
        long before = rss();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rss(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        ExecFixture.Run run = fx.run(job);
        sampler.interrupt();
        sampler.join();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.printf(
                "poison output: %d s, resident memory %d MB -> peak %d MB%n", seconds, before >> 20, peak.get() >> 20);
        return new Measured(run, peak.get() - before);
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // no /proc: no measure
        }
        return 0;
    }
}
