package dev.sparky.dispatcher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.dispatcher.store.StashStore;
import dev.sparky.internalapi.StashApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON stash of a build for the job API: any JSON value up to 1 MiB, {@code {}} until one is put. */
public class StashResource implements StashApi {
    static final int MAX_BYTES = 1024 * 1024;
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private final BuildGuard builds;
    private final StashStore stash;

    StashResource(BuildGuard builds, StashStore stash) {
        this.builds = builds;
        this.stash = stash;
    }

    @Override
    public void put(long id, InputStream body) {
        builds.require(id);
        try {
            stash.put(id, readJson(body));
            builds.requireStill(id, () -> stash.delete(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] get(long id) {
        builds.require(id);
        try {
            return stash.get(id).orElse(EMPTY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body, read up to the limit only (413 beyond), checked to be one JSON value (400 otherwise). */
    static byte[] readJson(InputStream body) throws IOException {
        byte[] json = body.readNBytes(MAX_BYTES + 1);
        if (json.length > MAX_BYTES) {
            throw BuildGuard.tooLarge("stash", MAX_BYTES);
        }
        requireJson(json);
        return json;
    }

    static void requireJson(byte[] json) {
        JsonNode node;
        try {
            node = Json.mapper()
                    .reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stash: the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("stash: the body is not valid JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("stash: the body is empty; send a JSON value");
        }
    }
}
