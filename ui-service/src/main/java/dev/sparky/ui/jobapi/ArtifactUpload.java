package dev.sparky.ui.jobapi;

import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.StoredArtifact;
import dev.sparky.ui.error.RequestRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A build's file upload, streamed to the dispatcher as one of its artifacts without holding it in memory, cut
 * off at the artifact limit: shared by {@code PUT /api/v1/job/artifacts/{name}} and Sparky's
 * {@code PUT /file/...}.
 */
final class ArtifactUpload {
    private final DispatcherJobClient storage;
    private final long max;

    ArtifactUpload(DispatcherJobClient storage, long max) {
        this.storage = storage;
        this.max = max;
    }

    /** @throws RequestRefusedException 413 past the limit, 400 when the upload broke off; nothing stored then */
    StoredArtifact put(long buildId, String name, Long length, InputStream body) {
        if (length != null && length > max) {
            throw tooLarge(name);
        }
        if (length == null) {
            return putSpooled(buildId, name, body);
        }
        LimitedInputStream limited = new LimitedInputStream(body, max);
        try {
            return storage.putArtifact(buildId, name, limited, length);
        } catch (RuntimeException e) {
            throw refusal(name, limited).orElseThrow(() -> e);
        }
    }

    /**
     * A chunked upload (no length): read whole into a private temporary file first, counted against the limit, and
     * only then sent with its length. Streamed on directly, a body cut off at the limit would reach the dispatcher
     * as a shorter but complete upload and replace an artifact of that name; with a length, a transfer that breaks
     * off is one the dispatcher drops.
     */
    private StoredArtifact putSpooled(long buildId, String name, InputStream body) {
        Path spool = null;
        LimitedInputStream limited = new LimitedInputStream(body, max);
        try {
            spool = Files.createTempFile(
                    "sparky-artifact-",
                    ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            long size;
            try (OutputStream out = Files.newOutputStream(spool)) {
                size = limited.transferTo(out);
            } catch (IOException e) {
                throw refusal(name, limited).orElseThrow(() -> new UncheckedIOException(e));
            }
            try (InputStream whole = Files.newInputStream(spool)) {
                return storage.putArtifact(buildId, name, whole, size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("artifact " + name + ": cannot use a temporary file for the upload", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // left in the UI's temporary folder, private to its user; nothing reads it
                }
            }
        }
    }

    private Optional<RequestRefusedException> refusal(String name, LimitedInputStream limited) {
        if (limited.exceeded()) {
            return Optional.of(tooLarge(name));
        }
        if (limited.readFailure() != null) {
            return Optional.of(RequestRefusedException.invalid("artifact " + name + ": the upload broke off after "
                    + limited.count() + " bytes; nothing was stored"));
        }
        return Optional.empty();
    }

    private RequestRefusedException tooLarge(String name) {
        return RequestRefusedException.tooLarge("artifact " + name + " is larger than the limit of " + max
                + " bytes (sparky.job-api.artifact-max-size); nothing was stored");
    }
}
