package dev.sparky.runner.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A log sink that keeps every chunk and checks offsets are contiguous. */
public final class CollectingSink implements LogSink {
    public record Chunk(long offset, byte[] data, long atNanos) {}

    public final List<Chunk> chunks = new ArrayList<>();
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();

    @Override
    public synchronized void chunk(long offset, byte[] data) {
        if (offset != all.size()) {
            throw new AssertionError("chunk offset " + offset + " but " + all.size() + " bytes sent before");
        }
        chunks.add(new Chunk(offset, data, System.nanoTime()));
        all.writeBytes(data);
    }

    public synchronized byte[] bytes() {
        return all.toByteArray();
    }

    public synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    public synchronized int count() {
        return chunks.size();
    }
}
