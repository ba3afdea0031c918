package dev.sparky.runner.exec;

/** Where batched log bytes go (a LogChunk producer in production, a list in tests). */
@FunctionalInterface
public interface LogSink {
    /** Called in order, one call per chunk; {@code offset} is where {@code data} starts in the attempt's log. */
    void chunk(long offset, byte[] data);
}
