package dev.sparky.ui.dispatcher;

import java.io.IOException;
import java.io.InputStream;

/** A build's whole log as the dispatcher streams it: exactly {@code size} bytes to read, then close. */
public record LogStream(InputStream body, long size) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        body.close();
    }
}
