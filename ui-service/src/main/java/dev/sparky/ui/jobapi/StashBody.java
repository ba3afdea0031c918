package dev.sparky.ui.jobapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.ui.error.RequestRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads and checks a stash: any single JSON value within the size limit; also pretty-prints one for pages. */
public final class StashBody {
    private StashBody() {}

    /** @throws RequestRefusedException 413 past {@code max} bytes, 400 when it is not one JSON value */
    public static byte[] read(InputStream body, long max) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw RequestRefusedException.invalid("stash: the body could not be read (" + e.getMessage() + ")");
        }
        if (bytes.length > max) {
            throw RequestRefusedException.tooLarge("stash: larger than " + max + " bytes");
        }
        parse(bytes);
        return bytes;
    }

    static JsonNode parse(byte[] bytes) {
        JsonNode node;
        try {
            node = Json.mapper()
                    .reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(bytes);
        } catch (JsonProcessingException e) {
            throw RequestRefusedException.invalid("stash: the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw RequestRefusedException.invalid("stash: the body is empty; send one JSON value, e.g. {\"n\":1}");
        }
        return node;
    }

    /** The stash indented for a page; the raw text when it does not parse (the page escapes either). */
    public static String pretty(byte[] bytes) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(parse(bytes));
        } catch (RuntimeException | JsonProcessingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
