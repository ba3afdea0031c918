package dev.sparky.dispatcher.api;

import dev.sparky.dispatcher.store.AttemptRow;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.LogStore;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Reads a byte range of one attempt's log, or of every attempt joined, each introduced by a line
 * {@code === attempt n on runner R: state ===} when there is more than one. Offsets count in the joined text,
 * so a client tails it the same way as a single file (when a second attempt starts, the header lines appear and
 * a live view may repeat a line at that moment).
 */
final class LogReader {
    /** A piece of the joined log: header bytes, or an attempt's file. */
    private record Segment(byte[] header, long buildId, int attempt, long size) {}

    private final LogStore logs;

    LogReader(LogStore logs) {
        this.logs = logs;
    }

    LogSlice attempt(BuildRow b, int attempt, long offset, int limit) {
        long size = logs.size(b.id(), attempt);
        return new LogSlice(logs.read(b.id(), attempt, offset, limit), size, b.state());
    }

    /**
     * The joined log as it is now, to be written out segment by segment: any size, little memory. A single attempt's
     * file, finished or still written to, is sent as a file part instead: the event loop sends it from the file at
     * the pace the reader takes it, where a worker thread copying it through the response stream could queue writes
     * faster than a busy event loop sent them (a 200 MB log on a loaded machine filled the 32 MB of direct memory
     * and the download failed). The part is the file's first bytes up to the size measured here; a log file is only
     * ever appended to, so those bytes do not change while a running build writes more. Several attempts joined
     * keep the stream (their header lines are not in any file).
     */
    WholeLog whole(BuildRow b, List<AttemptRow> attempts) {
        List<Segment> segments = segments(b, attempts);
        long total = segments.stream().mapToLong(Segment::size).sum();
        if (segments.size() == 1 && total > 0) {
            Segment only = segments.get(0);
            return new WholeLog(total, b.state(), new PathPart(logs.file(only.buildId(), only.attempt()), 0, total));
        }
        return new WholeLog(total, b.state(), (StreamingOutput) out -> {
            for (Segment s : segments) {
                if (s.header() != null) {
                    out.write(s.header());
                } else {
                    // Exactly the size measured above, so the length announced up front holds while a build
                    // still writes to its file.
                    logs.copy(s.buildId(), s.attempt(), s.size(), out);
                }
            }
        });
    }

    LogSlice all(BuildRow b, List<AttemptRow> attempts, long offset, int limit) {
        List<Segment> segments = segments(b, attempts);
        long total = segments.stream().mapToLong(Segment::size).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = 0;
        for (Segment s : segments) {
            long end = start + s.size();
            int room = limit - out.size();
            if (room <= 0) {
                break;
            }
            if (offset < end) {
                long from = Math.max(0, offset - start);
                int n = (int) Math.min(room, s.size() - from);
                byte[] part = s.header() != null
                        ? java.util.Arrays.copyOfRange(s.header(), (int) from, (int) from + n)
                        : logs.read(s.buildId(), s.attempt(), from, n);
                out.writeBytes(part);
            }
            start = end;
        }
        return new LogSlice(out.toByteArray(), total, b.state());
    }

    private List<Segment> segments(BuildRow b, List<AttemptRow> attempts) {
        List<Segment> segments = new ArrayList<>();
        // One attempt reads exactly as the script printed it (Sparky's raw report had no header lines).
        boolean headers = attempts.size() > 1;
        for (AttemptRow a : attempts) {
            byte[] header = ("=== attempt " + a.attempt() + " on runner " + a.runnerId() + ": " + a.state() + " ===\n")
                    .getBytes(StandardCharsets.UTF_8);
            if (headers) {
                segments.add(new Segment(header, 0, 0, header.length));
            }
            segments.add(new Segment(null, b.id(), a.attempt(), logs.size(b.id(), a.attempt())));
        }
        return segments;
    }
}
