package dev.sparky.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns a build's output pipe into log chunks: a chunk goes out when {@code maxChunk} bytes are buffered or
 * {@code maxDelay} after the first buffered byte, whichever comes first, never one record per line. Secrets are
 * masked before buffering; beyond the log cap one marker line is sent and the rest is read and dropped, so the
 * build never blocks on a full pipe. Bytes pass as they are (binary output, invalid UTF-8, ANSI colours).
 */
public final class LogStreamer {
    /** A pipe holds 64 KiB on Linux: reading more at once gains nothing. */
    static final int READ_SIZE = 64 * 1024;
    /**
     * Up to four reads per chunk when the build prints fast: every chunk is a Kafka record and a savepoint and
     * two row updates in the dispatcher, so fewer, larger ones carry a big log with less CPU (well under the
     * broker's and the clients' 1 MiB record limits).
     */
    public static final int MAX_CHUNK = 256 * 1024;

    public static final Duration MAX_DELAY = Duration.ofMillis(50);

    private final LogSink sink;
    private final SecretMasker masker;
    private final long capBytes;
    private final ScheduledExecutorService timer;
    private final long delayMillis;
    private final byte[] buffer;
    private int buffered;
    private long sent;
    private long kept;
    private boolean truncated;
    private boolean finished;
    private long generation;

    /** @param capBytes the log cap; zero or less means no cap */
    public LogStreamer(
            LogSink sink,
            SecretMasker masker,
            long capBytes,
            ScheduledExecutorService timer,
            int maxChunk,
            Duration maxDelay) {
        this.sink = sink;
        this.masker = masker;
        this.capBytes = capBytes;
        this.timer = timer;
        this.delayMillis = maxDelay.toMillis();
        this.buffer = new byte[maxChunk];
    }

    /** Reads until the end of the stream; blocking, run it on its own thread. */
    public void pump(InputStream in) throws IOException {
        byte[] read = new byte[READ_SIZE];
        int n;
        while ((n = in.read(read)) != -1) {
            accept(read, 0, n);
        }
    }

    /**
     * Takes the next bytes of output. Past the cap they are dropped at once, unmasked and uncopied: a build that
     * prints gigabytes costs the runner no memory and little CPU once its log is cut.
     */
    public synchronized void accept(byte[] data, int off, int len) {
        if (!finished && !truncated) {
            keep(masker.mask(data, off, len));
        }
    }

    /** A line of the runner's own ({@code [sparky] ...}) in the build's log, masked and capped like the output. */
    public void say(String line) {
        byte[] bytes = ("[sparky] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        accept(bytes, 0, bytes.length);
    }

    /** Sends what is left (held-back bytes included); later input is ignored. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        byte[] rest = masker.finish();
        if (!truncated) {
            keep(rest);
        }
        flush();
        finished = true;
    }

    /** Bytes handed to the sink so far, marker included. */
    public synchronized long sentBytes() {
        return sent;
    }

    public synchronized boolean truncated() {
        return truncated;
    }

    static String marker(long capBytes) {
        String mb = BigDecimal.valueOf(capBytes)
                .divide(BigDecimal.valueOf(1024L * 1024), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
        return "\n[sparky] log truncated at " + mb + " MB: the rest of the output is discarded; the build goes on\n";
    }

    private void keep(byte[] bytes) {
        if (truncated) {
            return;
        }
        if (capBytes <= 0 || kept + bytes.length <= capBytes) {
            append(bytes, bytes.length);
            kept += bytes.length;
            return;
        }
        append(bytes, (int) (capBytes - kept));
        kept = capBytes;
        byte[] mark = marker(capBytes).getBytes(StandardCharsets.UTF_8);
        append(mark, mark.length);
        truncated = true;
    }

    private void append(byte[] bytes, int len) {
        int off = 0;
        while (off < len) {
            if (buffered == 0) {
                scheduleFlush();
            }
            int n = Math.min(len - off, buffer.length - buffered);
            System.arraycopy(bytes, off, buffer, buffered, n);
            buffered += n;
            off += n;
            if (buffered == buffer.length) {
                flush();
            }
        }
    }

    private void scheduleFlush() {
        long due = generation;
        timer.schedule(() -> flushIfStill(due), delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void flushIfStill(long due) {
        // A size flush may have sent that batch already; a newer batch has its own timer.
        if (due == generation && !finished) {
            flush();
        }
    }

    private void flush() {
        if (buffered == 0) {
            return;
        }
        byte[] data = java.util.Arrays.copyOf(buffer, buffered);
        long offset = sent;
        sent += buffered;
        buffered = 0;
        generation++;
        sink.chunk(offset, data);
    }
}
