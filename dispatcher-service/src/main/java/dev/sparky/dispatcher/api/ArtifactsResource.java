package dev.sparky.dispatcher.api;

import dev.sparky.contracts.Names;
import dev.sparky.dispatcher.config.DispatcherConfig;
import dev.sparky.dispatcher.store.ArtifactQuotaException;
import dev.sparky.dispatcher.store.ArtifactStore;
import dev.sparky.dispatcher.store.TooLargeException;
import dev.sparky.internalapi.ArtifactEntry;
import dev.sparky.internalapi.ArtifactsApi;
import dev.sparky.internalapi.StoredArtifact;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Artifact storage for the job API (the UI service exposes it and checks tokens; this stores). Uploads are
 * streamed to a temp file and renamed into place; they write files only, never the database.
 */
public class ArtifactsResource implements ArtifactsApi {
    private final BuildGuard builds;
    private final ArtifactStore artifacts;
    private final long maxBytes;

    ArtifactsResource(BuildGuard builds, ArtifactStore artifacts, DispatcherConfig config) {
        this.builds = builds;
        this.artifacts = artifacts;
        this.maxBytes = config.dispatcher().artifactMaxSize().asLongValue();
    }

    @Override
    public StoredArtifact upload(long id, String name, Long length, InputStream body) {
        requireName(name);
        builds.require(id);
        if (length != null && length > maxBytes) {
            throw BuildGuard.tooLarge("artifact " + name, maxBytes);
        }
        try {
            ArtifactStore.Stored stored = store(id, name, body);
            return new StoredArtifact(stored.name(), stored.size(), stored.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ArtifactStore.Stored store(long id, String name, InputStream body) throws IOException {
        ArtifactStore.Stored stored;
        try {
            stored = artifacts.put(id, name, body, maxBytes);
        } catch (TooLargeException e) {
            throw BuildGuard.tooLarge("artifact " + name, maxBytes);
        } catch (ArtifactQuotaException e) {
            throw new WebApplicationException(e.getMessage(), 413);
        } catch (NoSuchFileException e) {
            // retention removed the build's folder while the upload was written
            builds.requireStill(id, () -> artifacts.delete(id));
            throw e;
        }
        builds.requireStill(id, () -> artifacts.delete(id));
        return stored;
    }

    @Override
    public List<ArtifactEntry> list(long id) {
        builds.require(id);
        try {
            return artifacts.list(id).stream()
                    .map(e -> new ArtifactEntry(e.name(), e.size(), e.modifiedAt()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Response download(long id, String name) {
        requireName(name);
        builds.require(id);
        ArtifactStore.Opened opened;
        try {
            opened = artifacts
                    .open(id, name)
                    .orElseThrow(() -> new NotFoundException("build " + id + " has no artifact " + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(opened.in(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", opened.size())
                .build();
    }

    private static void requireName(String name) {
        if (!Names.isValidJobId(name)) {
            throw new IllegalArgumentException("name: '" + name + "' is not a valid artifact name; use letters, "
                    + "digits, '.', '_' and '-', starting with a letter or digit, at most 200 characters");
        }
    }
}
