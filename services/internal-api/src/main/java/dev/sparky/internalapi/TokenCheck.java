package dev.sparky.internalapi;

import dev.sparky.contracts.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;

/** The body of a token check: {@code {"token": "..."}}. The token travels in the body only, never in a URL. */
public record TokenCheck(String token) {
    /** The body to send; {@link #toString()} never shows the token. */
    public InputStream body() {
        return new ByteArrayInputStream(Json.write(Map.of("token", token == null ? "" : token)));
    }

    @Override
    public String toString() {
        return "TokenCheck[token=***]";
    }
}
