package dev.sparky.contracts.events;

import dev.sparky.contracts.MalformedEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link LogChunk} travels on {@code sparky.runner-events}: the record's value is the log bytes exactly as
 * printed and the chunk's other fields are record headers. Every other runner event is JSON. As JSON, a chunk's
 * bytes would be base64 (a third larger) and cost an encode in the runner and a parse and a decode in the
 * dispatcher: most of the CPU of a build that prints a lot.
 *
 * <p>A record is a binary chunk when it carries {@value #EVENT}: {@value #LOG_CHUNK}. A JSON {@code LogChunk}
 * (what runners sent before) is still read, so runners and the dispatcher can be upgraded in either order as long
 * as the dispatcher goes first.
 */
public final class LogChunkWire {
    public static final String EVENT = "sparky-event";
    public static final String LOG_CHUNK = "LogChunk";
    static final String SCHEMA_VERSION = "sparky-schema-version";
    static final String EVENT_ID = "sparky-event-id";
    static final String RUNNER_ID = "sparky-runner-id";
    static final String AT = "sparky-at";
    static final String BUILD_ID = "sparky-build-id";
    static final String ATTEMPT = "sparky-attempt";
    static final String OFFSET = "sparky-offset";

    private LogChunkWire() {}

    /** The headers of a chunk's record, in a stable order; its value is {@link LogChunk#data()}. */
    public static Map<String, String> headers(LogChunk c) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(EVENT, LOG_CHUNK);
        h.put(SCHEMA_VERSION, Integer.toString(c.schemaVersion()));
        h.put(EVENT_ID, c.eventId());
        h.put(RUNNER_ID, c.runnerId());
        h.put(AT, c.at().toString());
        h.put(BUILD_ID, Long.toString(c.buildId()));
        h.put(ATTEMPT, Integer.toString(c.attempt()));
        h.put(OFFSET, Long.toString(c.offset()));
        return h;
    }

    /** True when the record is a chunk in this form rather than JSON. */
    public static boolean isChunk(Map<String, String> headers) {
        return LOG_CHUNK.equals(headers.get(EVENT));
    }

    /**
     * The chunk a record carries.
     *
     * @throws MalformedEventException naming the header that is missing or not a number
     */
    public static LogChunk read(Map<String, String> headers, byte[] value) {
        return new LogChunk(
                smallNumber(headers, SCHEMA_VERSION),
                required(headers, EVENT_ID),
                required(headers, RUNNER_ID),
                instant(headers),
                number(headers, BUILD_ID),
                smallNumber(headers, ATTEMPT),
                number(headers, OFFSET),
                value == null ? new byte[0] : value);
    }

    private static String required(Map<String, String> headers, String name) {
        String v = headers.get(name);
        if (v == null || v.isBlank()) {
            throw new MalformedEventException("log chunk record without header " + name);
        }
        return v;
    }

    private static long number(Map<String, String> headers, String name) {
        String v = required(headers, name);
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new MalformedEventException("log chunk header " + name + " is negative: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedEventException("log chunk header " + name + " is not a number: " + abbreviate(v));
        }
    }

    private static int smallNumber(Map<String, String> headers, String name) {
        long n = number(headers, name);
        if (n > Integer.MAX_VALUE) {
            throw new MalformedEventException("log chunk header " + name + " is too large: " + n);
        }
        return (int) n;
    }

    private static Instant instant(Map<String, String> headers) {
        String v = required(headers, AT);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(
                    "log chunk header " + AT + " is not an ISO-8601 instant: " + abbreviate(v));
        }
    }

    private static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "...";
    }
}
