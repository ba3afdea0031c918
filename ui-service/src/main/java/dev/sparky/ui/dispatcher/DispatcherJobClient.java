package dev.sparky.ui.dispatcher;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The dispatcher's side of the job API: token verification and the files it keeps per build (artifacts
 * and the JSON stash). Every method throws {@link DispatcherUnavailableException} when the dispatcher cannot
 * answer; an unknown build is an empty Optional; refusals the dispatcher explains (400, 404 on writes, 413)
 * come back as {@link dev.sparky.ui.error.RequestRefusedException} with its reason.
 */
public interface DispatcherJobClient {

    /** @return the build the token belongs to; empty for an unknown, expired or malformed token */
    Optional<JobCaller> verifyToken(String token);

    /**
     * Streams an artifact to the dispatcher without holding it in memory.
     *
     * @param length the byte count when the client declared it, else -1
     */
    StoredArtifact putArtifact(long buildId, String name, InputStream body, long length);

    /** @return the build's artifacts sorted by name; empty for an unknown build */
    Optional<List<ArtifactView>> artifacts(long buildId);

    /** @return the artifact's bytes to stream; empty when the build or the artifact does not exist */
    Optional<ArtifactDownload> openArtifact(long buildId, String name);

    /** @return the stash as JSON bytes ({@code {}} when none was put); empty for an unknown build */
    Optional<byte[]> stash(long buildId);

    void putStash(long buildId, byte[] json);

    /**
     * The stash of {@code project/jobId}, also of a build not queued yet (a stash written before its build:
     * Sparky's client does that for a child); {@code {}} when none.
     */
    byte[] jobStash(String project, String jobId);

    /** Writes the stash of {@code project/jobId}; kept for the build until it is queued when it is not yet. */
    void putJobStash(String project, String jobId, byte[] json);
}
