package dev.sparky.ui.jobapi;

import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.StoredArtifact;
import dev.sparky.ui.error.RequestRefusedException;
import java.io.InputStream;

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
        LimitedInputStream limited = new LimitedInputStream(body, max);
        try {
            return storage.putArtifact(buildId, name, limited, length == null ? -1 : length);
        } catch (RuntimeException e) {
            if (limited.exceeded()) {
                throw tooLarge(name);
            }
            if (limited.readFailure() != null) {
                throw RequestRefusedException.invalid("artifact " + name + ": the upload broke off after "
                        + limited.count() + " bytes; nothing was stored");
            }
            throw e;
        }
    }

    private RequestRefusedException tooLarge(String name) {
        return RequestRefusedException.tooLarge("artifact " + name + " is larger than the limit of " + max
                + " bytes (sparky.job-api.artifact-max-size); nothing was stored");
    }
}
