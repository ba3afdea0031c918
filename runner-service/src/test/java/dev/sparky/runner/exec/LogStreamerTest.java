package dev.sparky.runner.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batching of build output into chunks: bounded by size and by time, never per line. */
class LogStreamerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CollectingSink sink = new CollectingSink();

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    private LogStreamer streamer(long cap, Duration delay) {
        return new LogStreamer(sink, new SecretMasker(List.of()), cap, timer, LogStreamer.MAX_CHUNK, delay);
    }

    @Test
    void manyLinesWrittenAtOnceBecomeOneChunk() throws IOException {
        LogStreamer s = streamer(0, Duration.ofSeconds(10));
        String lines = "line\n".repeat(1000);
        s.pump(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        s.finish();
        assertEquals(1, sink.count());
        assertEquals(lines, sink.text());
    }

    @Test
    void aChunkNeverExceeds256KibAndOffsetsFollowEachOther() throws IOException {
        LogStreamer s = streamer(0, Duration.ofSeconds(10));
        byte[] big = new byte[800_000];
        s.pump(new ByteArrayInputStream(big));
        s.finish();
        assertEquals(4, sink.count());
        for (int i = 0; i < 3; i++) {
            assertEquals(256 * 1024, sink.chunks.get(i).data().length);
            assertEquals(i * 256L * 1024, sink.chunks.get(i).offset());
        }
        assertEquals(800_000 - 3 * 256 * 1024, sink.chunks.get(3).data().length);
        assertEquals(800_000, s.sentBytes());
    }

    @Test
    void aSmallWriteIsSentAbout50msLaterWithoutWaitingForMore() throws Exception {
        LogStreamer s = streamer(0, LogStreamer.MAX_DELAY);
        PipedOutputStream out = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(out, 1 << 16);
        Thread pump = new Thread(() -> {
            try {
                s.pump(in);
            } catch (IOException e) {
                // closed by the test
            }
        });
        pump.start();
        long written = System.nanoTime();
        out.write("first\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() > 0);
        assertEquals(1, sink.count(), "sent while the pipe stays open");
        // A lower bound only (the batch window is waited for, never skipped); how soon it is sent is the bench's.
        long delayMs = TimeUnit.NANOSECONDS.toMillis(sink.chunks.get(0).atNanos() - written);
        assertTrue(delayMs >= 40, "sent once the 50 ms batch window closed, was " + delayMs);
        out.write("second\n".getBytes(StandardCharsets.UTF_8));
        out.close();
        pump.join(2000);
        s.finish();
        assertEquals("first\nsecond\n", sink.text());
    }

    @Test
    void beyondTheCapOneMarkerIsSentAndTheRestDrained() throws IOException {
        LogStreamer s = streamer(10, Duration.ofSeconds(10));
        s.pump(new ByteArrayInputStream(
                "0123456789abcdef\nmore output\n".repeat(100).getBytes()));
        s.finish();
        assertEquals("0123456789" + LogStreamer.marker(10), sink.text());
        assertTrue(s.truncated());
    }

    @Test
    void markerNamesTheCapInMegabytes() {
        assertEquals(
                "\n[sparky] log truncated at 10 MB: the rest of the output is discarded; the build goes on\n",
                LogStreamer.marker(10L * 1024 * 1024));
    }
}
