package dev.sparky.ui;

import dev.sparky.ui.dispatcher.ArtifactDownload;
import dev.sparky.ui.dispatcher.ArtifactView;
import dev.sparky.ui.dispatcher.DispatcherJobClient;
import dev.sparky.ui.dispatcher.DispatcherUnavailableException;
import dev.sparky.ui.dispatcher.JobCaller;
import dev.sparky.ui.dispatcher.StoredArtifact;
import dev.sparky.ui.error.RequestRefusedException;
import io.quarkus.test.Mock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatcher's job API side, in memory: tokens, artifacts and stashes of the builds the
 * {@link FakeDispatcher} knows. Counts token verifications so tests can see the cache work.
 */
@Mock
@Singleton
public class FakeJobClient implements DispatcherJobClient {
    public final Map<String, JobCaller> tokens = new ConcurrentHashMap<>();
    public final Map<Long, Map<String, byte[]>> artifacts = new ConcurrentHashMap<>();
    public final Map<Long, byte[]> stashes = new ConcurrentHashMap<>();
    public final AtomicInteger verifications = new AtomicInteger();
    public volatile boolean down;

    @Inject
    FakeDispatcher dispatcher;

    public void reset() {
        tokens.clear();
        artifacts.clear();
        stashes.clear();
        verifications.set(0);
        down = false;
    }

    private void check() {
        if (down) {
            throw new DispatcherUnavailableException(
                    "http://fake cannot be reached (ConnectException)", new ConnectException("refused"));
        }
    }

    private boolean known(long buildId) {
        return dispatcher.builds.containsKey(buildId);
    }

    @Override
    public Optional<JobCaller> verifyToken(String token) {
        check();
        verifications.incrementAndGet();
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public StoredArtifact putArtifact(long buildId, String name, InputStream body, long length) {
        check();
        if (!known(buildId)) {
            throw RequestRefusedException.notFound("build " + buildId + " not found");
        }
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw new DispatcherUnavailableException("upload failed", e); // as the HTTP client reports a broken body
        }
        artifacts.computeIfAbsent(buildId, k -> new ConcurrentHashMap<>()).put(name, bytes);
        return new StoredArtifact(name, bytes.length, sha256(bytes));
    }

    @Override
    public Optional<List<ArtifactView>> artifacts(long buildId) {
        check();
        if (!known(buildId)) {
            return Optional.empty();
        }
        var mine = new TreeMap<>(artifacts.getOrDefault(buildId, Map.of()));
        return Optional.of(mine.entrySet().stream()
                .map(e -> new ArtifactView(e.getKey(), e.getValue().length, Instant.parse("2026-11-01T10:00:05Z")))
                .toList());
    }

    @Override
    public Optional<ArtifactDownload> openArtifact(long buildId, String name) {
        check();
        byte[] bytes = artifacts.getOrDefault(buildId, Map.of()).get(name);
        return bytes == null
                ? Optional.empty()
                : Optional.of(new ArtifactDownload(new ByteArrayInputStream(bytes), bytes.length));
    }

    @Override
    public Optional<byte[]> stash(long buildId) {
        check();
        if (!known(buildId)) {
            return Optional.empty();
        }
        return Optional.of(stashes.getOrDefault(buildId, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void putStash(long buildId, byte[] json) {
        check();
        if (!known(buildId)) {
            throw RequestRefusedException.notFound("build " + buildId + " not found");
        }
        stashes.put(buildId, json);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** Stashes by "project/jobId", also of builds not known here. */
    public final Map<String, byte[]> jobStashes = new ConcurrentHashMap<>();

    @Override
    public byte[] jobStash(String project, String jobId) {
        return jobStashes.getOrDefault(project + "/" + jobId, "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void putJobStash(String project, String jobId, byte[] json) {
        jobStashes.put(project + "/" + jobId, json);
    }
}
