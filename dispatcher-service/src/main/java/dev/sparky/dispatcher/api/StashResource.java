package dev.sparky.dispatcher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sparky.contracts.Json;
import dev.sparky.dispatcher.store.StashStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The JSON stash of a build for the job API: any JSON value up to 1 MiB, {@code {}} until one is put. */
@Path("/internal/v1/builds/{id}/stash")
public class StashResource {
    static final int MAX_BYTES = 1024 * 1024;
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private final BuildGuard builds;
    private final StashStore stash;

    StashResource(BuildGuard builds, StashStore stash) {
        this.builds = builds;
        this.stash = stash;
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("id") long id, InputStream body) throws IOException {
        builds.require(id);
        byte[] json = body.readNBytes(MAX_BYTES + 1);
        if (json.length > MAX_BYTES) {
            throw BuildGuard.tooLarge("stash", MAX_BYTES);
        }
        requireJson(json);
        stash.put(id, json);
        builds.requireStill(id, () -> stash.delete(id));
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") long id) throws IOException {
        builds.require(id);
        return Response.ok(stash.get(id).orElse(EMPTY), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static void requireJson(byte[] json) {
        JsonNode node;
        try {
            node = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json);
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
