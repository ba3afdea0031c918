package dev.sparky.ui.dispatcher;

import dev.sparky.internalapi.TokenCheck;
import dev.sparky.ui.internalapi.InternalApiClients;
import dev.sparky.ui.internalapi.InternalApiErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link DispatcherJobClient} over the dispatcher's typed REST clients. Artifacts stream both ways through the REST
 * client (an {@code InputStream} body is sent as it is read; a {@link Response} entity read as an InputStream is
 * not buffered first), so a 512 MiB artifact passes through this service in small buffers. Tokens are sent only in
 * request bodies and never appear in an exception message.
 */
@ApplicationScoped
public class RestDispatcherJobClient implements DispatcherJobClient {
    private final InternalApiClients apis;
    private final String url;

    public RestDispatcherJobClient(InternalApiClients apis) {
        this.apis = apis;
        this.url = apis.dispatcherUrl();
    }

    @Override
    public Optional<JobCaller> verifyToken(String token) {
        try {
            dev.sparky.internalapi.JobCaller c = call(() -> apis.jobTokens().verify(new TokenCheck(token).body()));
            return Optional.of(new JobCaller(c.buildId(), c.project(), c.jobId(), c.attempt()));
        } catch (DispatcherRefusedException e) {
            if (e.status() == 401 || e.status() == 403) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public StoredArtifact putArtifact(long buildId, String name, InputStream body, long length) {
        dev.sparky.internalapi.StoredArtifact s =
                call(() -> apis.artifacts().upload(buildId, name, length >= 0 ? length : null, body));
        return new StoredArtifact(s.name(), s.size(), s.sha256());
    }

    @Override
    public Optional<List<ArtifactView>> artifacts(long buildId) {
        return optional(() -> apis.artifacts().list(buildId).stream()
                .map(a -> new ArtifactView(a.name(), a.size(), a.modifiedAt()))
                .toList());
    }

    @Override
    public Optional<ArtifactDownload> openArtifact(long buildId, String name) {
        return optional(() -> {
            Response r = apis.artifacts().download(buildId, name);
            String length = r.getHeaderString(HttpHeaders.CONTENT_LENGTH);
            return new ArtifactDownload(r.readEntity(InputStream.class), RestDispatcherClient.sizeHeader(length, -1));
        });
    }

    @Override
    public Optional<byte[]> stash(long buildId) {
        return optional(() -> apis.stash().get(buildId));
    }

    @Override
    public void putStash(long buildId, byte[] json) {
        call(() -> {
            apis.stash().put(buildId, new ByteArrayInputStream(json));
            return null;
        });
    }

    @Override
    public byte[] jobStash(String project, String jobId) {
        return call(() -> apis.jobStash().get(project, jobId));
    }

    @Override
    public void putJobStash(String project, String jobId, byte[] json) {
        call(() -> {
            apis.jobStash().put(project, jobId, new ByteArrayInputStream(json));
            return null;
        });
    }

    private <T> T call(Supplier<T> request) {
        return InternalApiErrors.call(url, request);
    }

    private <T> Optional<T> optional(Supplier<T> request) {
        return InternalApiErrors.optional(url, request);
    }
}
