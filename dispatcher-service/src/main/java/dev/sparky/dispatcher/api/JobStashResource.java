package dev.sparky.dispatcher.api;

import dev.sparky.contracts.Names;
import dev.sparky.dispatcher.store.BuildQueries;
import dev.sparky.dispatcher.store.BuildRow;
import dev.sparky.dispatcher.store.StashStore;
import dev.sparky.internalapi.JobStashApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The stash of a build by project and job id, also before the build is queued: Sparky's job API client writes a
 * child's stash and then queues it. Such a stash waits as a pending file until the engine records the build and
 * makes it the build's own; one never queued is removed at the next start after an hour. Who may write which
 * build's stash is decided by the ui-service (the job token's scope).
 */
public class JobStashResource implements JobStashApi {
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private final BuildQueries queries;
    private final StashStore stash;

    JobStashResource(BuildQueries queries, StashStore stash) {
        this.queries = queries;
        this.stash = stash;
    }

    @Override
    public void put(String project, String jobId, InputStream body) {
        names(project, jobId);
        try {
            write(project, jobId, StashResource.readJson(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String project, String jobId, byte[] json) throws IOException {
        Optional<BuildRow> build = queries.buildByJob(project, jobId);
        if (build.isPresent()) {
            stash.put(build.get().id(), json);
            return;
        }
        stash.putPending(project, jobId, json);
        // recorded meanwhile: the engine may have looked for a pending stash before this one was written
        Optional<BuildRow> now = queries.buildByJob(project, jobId);
        if (now.isPresent()) {
            stash.adoptPending(project, jobId, now.get().id());
        }
    }

    @Override
    public byte[] get(String project, String jobId) {
        names(project, jobId);
        Optional<BuildRow> build = queries.buildByJob(project, jobId);
        try {
            Optional<byte[]> json = build.isPresent() ? stash.get(build.get().id()) : stash.getPending(project, jobId);
            return json.orElse(EMPTY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void names(String project, String jobId) {
        if (!Names.isValidProject(project) || !Names.isValidJobId(jobId)) {
            throw new IllegalArgumentException("not a valid project name or job id: " + project + "/" + jobId);
        }
    }
}
