package dev.sparky.dispatcher.api;

import dev.sparky.contracts.BuildState;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import dev.sparky.internalapi.BuildsApi;
import dev.sparky.internalapi.InternalHeaders;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds, their logs and system logs, for the UI service (paths and parameters: {@link BuildsApi}). */
public class BuildsResource implements BuildsApi {
    static final int MAX_PAGE = 500;
    /**
     * One log read answers at most this much (400 beyond), and 1 MiB without {@code limit}: a big log is read in
     * slices, {@code X-Log-Size} telling how much there is, so no request holds a huge log in memory. The whole
     * log is {@code /log/whole}, streamed.
     */
    static final int MAX_LOG_READ = 8 * 1024 * 1024;

    private final StateReader state;

    BuildsResource(StateReader state) {
        this.state = state;
    }

    @Override
    public Page<BuildView> list(String project, String buildState, Long before, Integer limit) {
        if (project != null) {
            Names.requireProject(project);
        }
        return state.list(project, parseState(buildState), before, Params.range("limit", limit, 1, MAX_PAGE));
    }

    @Override
    public BuildView build(long id) {
        return state.build(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public Response log(long id, Long offset, Integer limit, String attempt) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: must be 0 or more, got " + offset);
        }
        LogSlice slice = state.log(id, attempt, offset, Params.range("limit", limit, 1, MAX_LOG_READ))
                .orElseThrow(() -> notFound(id));
        return Response.ok(slice.data(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .header(InternalHeaders.LOG_SIZE, slice.size())
                .header(InternalHeaders.BUILD_STATE, slice.state().wireName())
                .build();
    }

    /**
     * The whole log, every attempt joined as {@code ?attempt=all} gives it, streamed from the files with its
     * length up front: what {@code /report/raw} passes through, one request whatever the size.
     */
    @Override
    public Response wholeLog(long id) {
        WholeLog log = state.wholeLog(id).orElseThrow(() -> notFound(id));
        return Response.ok(log.body(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CONTENT_LENGTH, log.size())
                .header(InternalHeaders.LOG_SIZE, log.size())
                .header(InternalHeaders.BUILD_STATE, log.state().wireName())
                .build();
    }

    @Override
    public String syslog(long id) {
        return state.syslog(id)
                .map(lines -> lines.isEmpty() ? "" : String.join("\n", lines) + "\n")
                .orElseThrow(() -> notFound(id));
    }

    private static BuildState parseState(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return BuildState.fromWire(s.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state: '" + s + "' is not a build state; use queued, running, "
                    + "succeeded, failed, cancelled or timed_out");
        }
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException("no build " + id);
    }
}
