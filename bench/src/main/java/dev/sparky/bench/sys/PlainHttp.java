package dev.sparky.bench.sys;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A blocking HTTP/1.1 client on one kept-alive connection, for requests whose time is part of a measurement:
 * the request leaves from the caller's thread, as with Python's {@code http.client} on the Buildbot side.
 * {@code java.net.http}'s client hands each request to its selector thread and the answer back, which costs
 * about 1 ms per request on this machine (docs/performance.md): the client's time, not the server's.
 * Enough HTTP for the services' answers: a status line, headers, a body by Content-Length or chunked.
 */
public final class PlainHttp implements AutoCloseable {
    private static final int TIMEOUT_MS = 30_000;

    /** Status and body text. */
    public record Answer(int status, String body) {}

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** @param base {@code http://host:port} */
    public PlainHttp(String base) {
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("expected http://host:port, got " + base);
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * {@code POST path} with no body. Never sent twice: a connection the server closed meanwhile is an error
     * (a trigger is not idempotent, and a timed sample must not hide a reconnect).
     */
    public Answer post(String path) {
        byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            return answer(send(request));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("POST http://" + host + ":" + port + path + ": " + e.getMessage(), e);
        }
    }

    /** Sends the request and reads the answer's status line, on a new connection if there is none. */
    private String send(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        return line();
    }

    private Answer answer(String status) throws IOException {
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + status);
        }
        int code = number(parts[1], 10, "status");
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = number(h.substring(15).trim(), 10, "Content-Length");
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (code / 100 == 1 || code == 204 || code == 304) {
            // no body, whatever the headers say
        } else if (chunked) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(exactly(size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
        } else if (length >= 0) {
            body.write(exactly(length));
        } else {
            closes = true;
            body.write(in.readAllBytes());
        }
        if (closes) {
            close();
        }
        return new Answer(code, body.toString(StandardCharsets.UTF_8));
    }

    private int chunkSize() throws IOException {
        return number(line().split(";")[0].trim(), 16, "chunk size");
    }

    private byte[] exactly(long length) throws IOException {
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("answer cut short: " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private static int number(String text, int radix, String what) throws IOException {
        try {
            return Integer.parseInt(text, radix);
        } catch (NumberFormatException e) {
            throw new IOException("bad " + what + ": " + text, e);
        }
    }

    /** One header line without its CRLF; EOF before it means the connection was closed. */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
